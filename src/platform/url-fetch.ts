/**
 * UrlFetchApp behind the HTTP port of the Firestore client (src/store/firestore-rest.ts): requests
 * that do not depend on each other go out in one fetchAll. Statuses are answers, not exceptions.
 * Used only by the Firestore backend, whose build declares script.external_request.
 */
import type { Http, HttpRequest, HttpResponse } from '../store/firestore-rest';

function options(request: HttpRequest): GoogleAppsScript.URL_Fetch.URLFetchRequest {
  return {
    url: request.url,
    method: request.method,
    muteHttpExceptions: true,
    ...(request.headers ? { headers: request.headers } : {}),
    ...(request.contentType ? { contentType: request.contentType } : {}),
    ...(request.payload !== undefined ? { payload: request.payload } : {}),
  };
}

function answer(response: GoogleAppsScript.URL_Fetch.HTTPResponse): HttpResponse {
  return { status: response.getResponseCode(), body: response.getContentText() };
}

export const urlFetchAll: Http = (requests) =>
  requests.length === 1
    ? [answer(UrlFetchApp.fetch((requests[0] as HttpRequest).url, options(requests[0] as HttpRequest)))]
    : UrlFetchApp.fetchAll(requests.map(options)).map(answer);
