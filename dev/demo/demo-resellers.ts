/**
 * The simulator's curated reseller directory: about thirty names chosen to show what the search
 * must get right (umlauts and their transliterations, near-duplicates, a family of legal-form
 * variants, markup and quotes in names, every non-approved status). A few have aliases (the
 * abbreviation or former name customers type, found by the typeahead) and contact emails (the
 * reseller's staff, issue 10). Tests use it too.
 */
import type { Reseller } from '../../src/domain/reseller';

/** Hand-picked directory for the local simulator's demo. */
export const DEMO_RESELLERS: Reseller[] = [
  {
    id: 'R-00001',
    name: 'Müller IT GmbH',
    domain: 'mueller-it.de',
    country: 'DE',
    status: 'approved',
    aliases: ['MIT', 'Müller Informationstechnik'],
    contacts: ['anna.berger@mueller-it.de', 'vertrieb@mueller-it.de'],
  },
  { id: 'R-00002', name: 'Mueller IT GmbH', domain: 'mueller-it.at', country: 'AT', status: 'approved' },
  { id: 'R-00003', name: 'Schäfer Cloud AG', domain: 'schaefer-cloud.ch', country: 'CH', status: 'approved' },
  {
    id: 'R-00004',
    name: 'Schaefer Cloud AG',
    domain: 'schaefer-cloud.de',
    country: 'DE',
    status: 'approved',
  },
  {
    id: 'R-00005',
    name: 'Köhler Systemhaus GmbH & Co. KG',
    domain: 'koehler-systemhaus.de',
    country: 'DE',
    status: 'approved',
    aliases: ['KSH'],
    contacts: ['info@koehler-systemhaus.de'],
  },
  { id: 'R-00006', name: 'Weiß Digital GmbH', domain: 'weiss-digital.de', country: 'DE', status: 'approved' },
  { id: 'R-00007', name: 'Weiss Digital AG', domain: 'weiss-digital.ch', country: 'CH', status: 'approved' },
  {
    id: 'R-00008',
    name: 'Groß IT-Service e.K.',
    domain: 'gross-it-service.de',
    country: 'DE',
    status: 'approved',
  },
  {
    id: 'R-00009',
    name: 'Jäger Consulting GmbH',
    domain: 'jaeger-consulting.at',
    country: 'AT',
    status: 'approved',
  },
  {
    id: 'R-00010',
    name: 'Bäcker Workspace Partner GmbH',
    domain: 'baecker-workspace.de',
    country: 'DE',
    status: 'approved',
  },
  {
    id: 'R-00011',
    name: 'Cloud Solutions Nürnberg GmbH',
    domain: 'cloud-solutions-nuernberg.de',
    country: 'DE',
    status: 'approved',
  },
  {
    id: 'R-00012',
    name: 'Cloudwerk GmbH',
    domain: 'cloudwerk.de',
    country: 'DE',
    status: 'approved',
    contacts: ['partner@cloudwerk.de'],
  },
  {
    id: 'R-00013',
    name: 'CloudNative Partners Ltd',
    domain: 'cloudnative.co.uk',
    country: 'GB',
    status: 'approved',
  },
  {
    id: 'R-00014',
    name: 'Digital Workplace AG',
    domain: 'digital-workplace.ch',
    country: 'CH',
    status: 'approved',
  },
  {
    id: 'R-00015',
    name: 'Digitalhaus Köln GmbH',
    domain: 'digitalhaus-koeln.de',
    country: 'DE',
    status: 'approved',
  },
  {
    id: 'R-00016',
    name: 'Digital Solutions Graz GmbH',
    domain: 'digital-solutions-graz.at',
    country: 'AT',
    status: 'approved',
  },
  { id: 'R-00017', name: '<b>Bold</b> IT & Co', domain: 'bold-it.de', country: 'DE', status: 'approved' },
  {
    id: 'R-00018',
    name: `O'Neil "Cloud" Partners`,
    domain: 'oneil-cloud.com',
    country: 'US',
    status: 'approved',
  },
  {
    id: 'R-00019',
    name: 'Lefèvre Numérique SAS',
    domain: 'lefevre-numerique.fr',
    country: 'FR',
    status: 'approved',
  },
  {
    id: 'R-00020',
    name: 'De Vries Cloud B.V.',
    domain: 'devries-cloud.nl',
    country: 'NL',
    status: 'approved',
  },
  {
    id: 'R-00021',
    name: 'Zürcher Informatik AG',
    domain: 'zuercher-informatik.ch',
    country: 'CH',
    status: 'approved',
    // The company's former name, which long-time customers still type.
    aliases: ['Informatik Zürich AG'],
    contacts: ['support@zuercher-informatik.ch'],
  },
  {
    id: 'R-00022',
    name: 'Strauß Systemhaus UG (haftungsbeschränkt)',
    domain: 'strauss-systemhaus.de',
    country: 'DE',
    status: 'approved',
  },
  { id: 'R-00023', name: 'Schwarz IT GmbH', domain: 'schwarz-it.de', country: 'DE', status: 'applied' },
  {
    id: 'R-00024',
    name: 'Fuchs Digital GmbH',
    domain: 'fuchs-digital.de',
    country: 'DE',
    status: 'suspended',
  },
  {
    id: 'R-00025',
    name: 'Krüger Cloud UG',
    domain: 'krueger-cloud.de',
    country: 'DE',
    status: 'agreement_sent',
  },
  { id: 'R-00026', name: 'Neumann EDV GmbH', domain: 'neumann-edv.de', country: 'DE', status: 'rejected' },
  // A family of near-duplicates: the main entry, two legal-form variants and a branch. The main
  // entry (plainest domain) leads; "AG" and "SE" are not ranked first for being shorter.
  {
    id: 'R-00027',
    name: 'Löffler Systemhaus GmbH & Co. KG',
    domain: 'loeffler.de',
    country: 'DE',
    status: 'approved',
  },
  {
    id: 'R-00028',
    name: 'Löffler Systemhaus AG',
    domain: 'loeffler-ag.de',
    country: 'DE',
    status: 'approved',
  },
  {
    id: 'R-00029',
    name: 'Löffler Systemhaus SE',
    domain: 'loeffler-se.de',
    country: 'DE',
    status: 'approved',
  },
  {
    id: 'R-00030',
    name: 'Löffler Systemhaus Ost GmbH',
    domain: 'loeffler-ost.de',
    country: 'DE',
    status: 'approved',
  },
];
