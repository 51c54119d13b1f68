/** The syntax of the names support types into the Sheet and the sidebar. */

/** A DNS name of at least two labels, lower case (the callers lower-case what people typed). */
export const DOMAIN_RE = /^(?=.{1,253}$)(?!-)[a-z0-9-]{1,63}(?<!-)(\.(?!-)[a-z0-9-]{1,63}(?<!-))+$/;

/** An email address as far as support's lists need one: a local part and a domain with a dot. */
export const EMAIL_RE = /^[^\s@"<>(),;:\\[\]]{1,64}@[a-z0-9-]+(\.[a-z0-9-]+)+$/i;
