/**
 * Open Badges 3.0 shapes as Badgesmith emits them (strict-schema friendly: arrays for every
 * sequence, objects for complex values). Optional members are omitted, never null or empty.
 */

export type OB3Context = readonly string[];

export interface Image {
  id: string;
  type: 'Image';
  caption?: string;
}

export interface Address {
  type: string[];
  addressCountry?: string;
  addressCountryCode?: string;
  addressRegion?: string;
  addressLocality?: string;
  streetAddress?: string;
  postOfficeBoxNumber?: string;
  postalCode?: string;
}

export interface Profile {
  id: string;
  type: string[];
  name?: string;
  url?: string;
  email?: string;
  phone?: string;
  description?: string;
  image?: Image;
  address?: Address;
  [extra: string]: unknown;
}

export interface Criteria {
  id?: string;
  narrative?: string;
}

export interface Alignment {
  type: string[];
  targetName: string;
  targetUrl: string;
  targetCode?: string;
  targetDescription?: string;
  targetFramework?: string;
  targetType?: string;
}

export interface Achievement {
  id: string;
  type: string[];
  name: string;
  description: string;
  criteria: Criteria;
  image?: Image;
  achievementType?: string;
  alignment?: Alignment[];
  tag?: string[];
  creator?: Profile;
  humanCode?: string;
  fieldOfStudy?: string;
  specialization?: string;
  inLanguage?: string;
  version?: string;
  creditsAvailable?: number;
  [extra: string]: unknown;
}

export interface IdentityObject {
  type: 'IdentityObject';
  hashed: boolean;
  identityHash: string;
  identityType: string;
  salt?: string;
}

export interface AchievementSubject {
  id?: string;
  type: string[];
  achievement: Achievement;
  identifier?: IdentityObject[];
  name?: string;
  narrative?: string;
  image?: Image;
  [extra: string]: unknown;
}

export interface Evidence {
  id?: string;
  type: string[];
  narrative?: string;
  name?: string;
  description?: string;
  genre?: string;
  audience?: string;
}

export interface BitstringStatusListEntry {
  id: string;
  type: 'BitstringStatusListEntry';
  statusPurpose: 'revocation' | 'suspension';
  statusListIndex: string;
  statusListCredential: string;
}

export interface DataIntegrityProof {
  type: 'DataIntegrityProof';
  cryptosuite: string;
  created?: string;
  verificationMethod: string;
  proofPurpose: string;
  proofValue: string;
}

export interface EndorsementSubject {
  id: string;
  type: string[];
  endorsementComment?: string;
}

export interface EndorsementCredential {
  '@context': string[];
  id: string;
  type: string[];
  name: string;
  issuer: Profile;
  validFrom: string;
  validUntil?: string;
  credentialSubject: EndorsementSubject;
  proof?: DataIntegrityProof[];
  [extra: string]: unknown;
}

export interface OpenBadgeCredential {
  '@context': string[];
  id: string;
  type: string[];
  issuer: Profile;
  validFrom: string;
  validUntil?: string;
  awardedDate?: string;
  name?: string;
  description?: string;
  image?: Image;
  credentialSubject: AchievementSubject;
  evidence?: Evidence[];
  credentialStatus?: BitstringStatusListEntry;
  endorsement?: EndorsementCredential[];
  proof?: DataIntegrityProof[];
  [extra: string]: unknown;
}
