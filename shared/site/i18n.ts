/** Strings of the published pages, in the issuer's language. */
export type SiteLanguage = 'en' | 'fr';

export interface SiteStrings {
  skip: string;
  home: string;
  verifyNav: string;
  badges: string;
  noBadges: string;
  issuedBy: string;
  description: string;
  criteria: string;
  criteriaLink: string;
  alignments: string;
  tags: string;
  endorsements: string;
  endorsedBy: string;
  credentialTitle: (badge: string) => string;
  awardedTo: string;
  issuedOn: string;
  expires: string;
  noExpiry: string;
  status: string;
  statusActive: string;
  statusRevoked: (date: string) => string;
  reason: string;
  format: string;
  formats: Record<string, string>;
  downloads: string;
  downloadCredential: string;
  downloadImage: (kind: string) => string;
  linkedIn: string;
  verifyThis: string;
  /** The QR code of a credential page: its accessible name and caption. */
  qrLabel: string;
  qrCaption: string;
  credentialsIssued: (count: number) => string;
  badgeImageAlt: (badge: string) => string;
  issuerImageAlt: (issuer: string) => string;
  footer: string;
  notFoundTitle: string;
  notFoundText: string;
  verifierTitle: string;
  verifierIntro: string;
  verifierPrivacy: string;
  verifierDrop: string;
  verifierPick: string;
  verifierEmail: string;
  verifierEmailHelp: string;
  verifierRun: string;
  verifierNoScript: string;
  verifierChecking: string;
  verified: string;
  verifiedWithWarnings: string;
  notVerified: string;
  revoked: string;
  /** Shown when a badge's issuer is not this site's issuer. */
  otherIssuer: string;
  issuerUnconfirmed: string;
  checks: string;
  issuer: string;
  badge: string;
  recipient: string;
  validFrom: string;
  validUntil: string;
  languageName: string;
}

const FORMATS_EN = {
  'ob3-di': 'Open Badges 3.0 (Data Integrity)',
  'ob3-jwt': 'Open Badges 3.0 (VC-JWT)',
  'ob2-hosted': 'Open Badges 2.0 (hosted)',
  'ob2-signed': 'Open Badges 2.0 (signed)',
};

const EN: SiteStrings = {
  skip: 'Skip to content',
  home: 'Home',
  verifyNav: 'Verify a badge',
  badges: 'Badges',
  noBadges: 'No badges published yet.',
  issuedBy: 'Issued by',
  description: 'Description',
  criteria: 'Criteria',
  criteriaLink: 'Full criteria',
  alignments: 'Alignments',
  tags: 'Tags',
  endorsements: 'Endorsements',
  endorsedBy: 'Endorsed by',
  credentialTitle: (badge) => `${badge}: awarded badge`,
  awardedTo: 'Awarded to',
  issuedOn: 'Issued on',
  expires: 'Expires',
  noExpiry: 'Does not expire',
  status: 'Status',
  statusActive: 'Issued and not revoked when this page was published. Use the verifier for a live check.',
  statusRevoked: (date) => `Revoked by the issuer on ${date}.`,
  reason: 'Reason',
  format: 'Format',
  formats: FORMATS_EN,
  downloads: 'Downloads',
  downloadCredential: 'Credential file',
  downloadImage: (kind) => `Badge image with the credential inside (${kind})`,
  linkedIn: 'Add to LinkedIn profile',
  verifyThis: 'Verify this badge',
  qrLabel: 'QR code of this page',
  qrCaption: 'Scan this code to open this page and check the badge online (on a printout, for instance).',
  credentialsIssued: (count) => (new Intl.PluralRules('en').select(count) === 'one' ? `Awarded to ${count} person` : `Awarded to ${count} people`),
  badgeImageAlt: (badge) => `Badge image: ${badge}`,
  issuerImageAlt: (issuer) => `Logo of ${issuer}`,
  footer: 'Open Badges published with Badgesmith. These pages load nothing from other sites.',
  notFoundTitle: 'Page not found',
  notFoundText: 'This page does not exist on this badge site.',
  verifierTitle: 'Verify a badge',
  verifierIntro: 'Choose a badge file (a baked PNG or SVG image, or a .json / .jws credential) to check it in your browser.',
  verifierPrivacy: 'Nothing is uploaded: the check runs on this page, reading only this site’s public keys and status lists.',
  verifierDrop: 'Drop a badge file here',
  verifierPick: 'Badge file',
  verifierEmail: 'Recipient e-mail (optional)',
  verifierEmailHelp: 'Compared with the hashed identity inside the badge; it never leaves your browser.',
  verifierRun: 'Verify',
  verifierNoScript: 'The verifier needs JavaScript. Every other page of this site works without it.',
  verifierChecking: 'Checking…',
  verified: 'Verified',
  verifiedWithWarnings: 'Verified, with warnings',
  notVerified: 'Not verified',
  revoked: 'Revoked',
  otherIssuer: 'This badge was not issued by {site}. Its issuer is {issuer}.',
  issuerUnconfirmed: '{issuer} (nothing published by this issuer confirms the signing key)',
  checks: 'Checks',
  issuer: 'Issuer',
  badge: 'Badge',
  recipient: 'Recipient',
  validFrom: 'Valid from',
  validUntil: 'Valid until',
  languageName: 'English',
};

const FR: SiteStrings = {
  skip: 'Aller au contenu',
  home: 'Accueil',
  verifyNav: 'Vérifier un badge',
  badges: 'Badges',
  noBadges: 'Aucun badge publié pour le moment.',
  issuedBy: 'Délivré par',
  description: 'Description',
  criteria: 'Critères',
  criteriaLink: 'Critères complets',
  alignments: 'Alignements',
  tags: 'Mots-clés',
  endorsements: 'Recommandations',
  endorsedBy: 'Recommandé par',
  credentialTitle: (badge) => `${badge} : badge délivré`,
  awardedTo: 'Décerné à',
  issuedOn: 'Délivré le',
  expires: 'Expire le',
  noExpiry: 'N’expire pas',
  status: 'Statut',
  statusActive: 'Délivré et non révoqué à la publication de cette page. Utilisez le vérificateur pour un contrôle à jour.',
  statusRevoked: (date) => `Révoqué par l’émetteur le ${date}.`,
  reason: 'Motif',
  format: 'Format',
  formats: {
    'ob3-di': 'Open Badges 3.0 (Data Integrity)',
    'ob3-jwt': 'Open Badges 3.0 (VC-JWT)',
    'ob2-hosted': 'Open Badges 2.0 (hébergé)',
    'ob2-signed': 'Open Badges 2.0 (signé)',
  },
  downloads: 'Téléchargements',
  downloadCredential: 'Fichier de l’attestation',
  downloadImage: (kind) => `Image du badge contenant l’attestation (${kind})`,
  linkedIn: 'Ajouter au profil LinkedIn',
  verifyThis: 'Vérifier ce badge',
  qrLabel: 'Code QR de cette page',
  qrCaption: 'Scannez ce code pour ouvrir cette page et vérifier le badge en ligne (depuis une version imprimée, par exemple).',
  credentialsIssued: (count) => `Délivré à ${count} personne${new Intl.PluralRules('fr').select(count) === 'one' ? '' : 's'}`,
  badgeImageAlt: (badge) => `Image du badge : ${badge}`,
  issuerImageAlt: (issuer) => `Logo de ${issuer}`,
  footer: 'Open Badges publiés avec Badgesmith. Ces pages ne chargent rien depuis d’autres sites.',
  notFoundTitle: 'Page introuvable',
  notFoundText: 'Cette page n’existe pas sur ce site de badges.',
  verifierTitle: 'Vérifier un badge',
  verifierIntro: 'Choisissez un fichier de badge (image PNG ou SVG contenant le badge, ou attestation .json / .jws) pour le vérifier dans votre navigateur.',
  verifierPrivacy: 'Rien n’est envoyé : la vérification se fait sur cette page et ne lit que les clés publiques et listes de statut de ce site.',
  verifierDrop: 'Déposez un fichier de badge ici',
  verifierPick: 'Fichier du badge',
  verifierEmail: 'Courriel du titulaire (facultatif)',
  verifierEmailHelp: 'Comparé à l’identité hachée contenue dans le badge ; il ne quitte pas votre navigateur.',
  verifierRun: 'Vérifier',
  verifierNoScript: 'Le vérificateur a besoin de JavaScript. Toutes les autres pages de ce site fonctionnent sans.',
  verifierChecking: 'Vérification…',
  verified: 'Vérifié',
  verifiedWithWarnings: 'Vérifié, avec des avertissements',
  notVerified: 'Non vérifié',
  revoked: 'Révoqué',
  otherIssuer: 'Ce badge n’a pas été délivré par {site}. Son émetteur est {issuer}.',
  issuerUnconfirmed: '{issuer} (rien de ce que publie cet émetteur ne confirme la clé de signature)',
  checks: 'Contrôles',
  issuer: 'Émetteur',
  badge: 'Badge',
  recipient: 'Titulaire',
  validFrom: 'Valide à partir du',
  validUntil: 'Valide jusqu’au',
  languageName: 'Français',
};

export function siteStrings(language: SiteLanguage): SiteStrings {
  return language === 'fr' ? FR : EN;
}
