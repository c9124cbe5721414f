/**
 * `demo`: a complete sample built non-interactively in seconds: a workspace (passphrase "demo"),
 * an issuer, two badge classes with artwork made from designs (also written as `.badgesmith.json`), five recipients with French names,
 * credentials in all four formats with baked PNG and SVG, one revoked credential, an
 * endorsement, and the static verification site.
 */
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { BadgeError } from '../../shared/errors.js';
import type { Clock } from '../../shared/clock.js';
import { insertBadge, type BadgeClass } from '../db/repos/badges.js';
import { listIssuances, type Issuance } from '../db/repos/issuances.js';
import type { LayerId } from '../../shared/design/model.js';
import { updateLayer } from '../../shared/design/ops.js';
import { serializeDesign } from '../../shared/design/restore.js';
import { templateDesign } from '../../shared/design/templates.js';
import { linkDesignToBadge, saveDesign } from './designs.js';
import { endorse } from './endorse.js';
import { writeFileAtomic } from './files.js';
import { issueBatch, type IssueSummary } from './issue-batch.js';
import { initKeystore, type KeystoreOptions } from './keystore.js';
import { revokeCredential } from './revoke.js';
import { exportSite } from './site-export.js';
import { createIssuer, createWorkspace } from './workspace.js';

export const DEMO_PASSPHRASE = 'demo';

/** Each demo badge's artwork: a template with the association's name on it (badge id, template, layer holding the name). */
const DEMO_DESIGNS = [
  ['premiers-secours', 'shield-first-aid', 'org'],
  ['guide-benevole', 'hexagon-mountain', 'top'],
] as const;

export const DEMO_RECIPIENTS: readonly { email: string; name: string }[] = [
  { email: 'elodie.lefevre@example.org', name: 'Élodie Lefèvre' },
  { email: 'francois.muller@example.org', name: 'François Müller' },
  { email: 'chloe.beranger@example.org', name: 'Chloé Béranger' },
  { email: 'jerome.dupre@example.org', name: 'Jérôme Dupré' },
  { email: 'anais.noel@example.org', name: 'Anaïs Noël' },
];

export interface DemoResult {
  dir: string;
  workspace: string;
  passphrase: string;
  csv: string;
  credentials: string;
  /** The demo badges' designs as `.badgesmith.json` files. */
  designs: string;
  site: string;
  siteUrl: string;
  did: string;
  badges: string[];
  issued: IssueSummary[];
  revoked: { id: string; credentialId: string; format: string; reason: string };
  endorsement: string;
}

export interface DemoOptions {
  clock: Clock;
  /** scrypt cost override (tests). */
  keystore?: KeystoreOptions;
}

function badgeClass(id: string, fields: Pick<BadgeClass, 'name' | 'description' | 'criteriaNarrative' | 'achievementType' | 'expiresAfter' | 'formats' | 'tags' | 'image' | 'showRecipientName'>, now: string): BadgeClass {
  return { id, criteriaUrl: null, alignments: [], endorsements: [], created: now, updated: now, ...fields };
}

export async function runDemo(dir: string, options: DemoOptions): Promise<DemoResult> {
  if (existsSync(dir) && readdirSync(dir).length > 0) {
    throw new BadgeError('ERR_DEMO_NOT_EMPTY', `${dir} is not empty; give demo a new or empty folder.`);
  }
  const paths = { workspace: join(dir, 'workspace'), credentials: join(dir, 'credentials'), site: join(dir, 'site'), csv: join(dir, 'participants.csv') };
  const workspace = createWorkspace(paths.workspace, { clock: options.clock });
  try {
    const issuer = createIssuer(workspace, {
      name: 'Association des Randonneurs du Vercors (démo)',
      url: 'https://randonneurs.example.org/',
      siteUrl: 'https://badges.example.org/randonneurs/',
      email: 'contact@randonneurs.example.org',
      description: 'Exemple créé par la commande « badgesmith demo » : aucune de ces personnes n’existe.',
      language: 'fr',
    });
    const keystore = await initKeystore(workspace, DEMO_PASSPHRASE, options.keystore);
    const now = workspace.now();

    insertBadge(
      workspace.db,
      badgeClass(
        'premiers-secours',
        {
          name: 'Premiers secours en montagne',
          description: 'A suivi la formation aux gestes de premiers secours en milieu montagnard.',
          criteriaNarrative: 'Présence aux deux journées de formation et réussite de la mise en situation.',
          achievementType: 'Certificate',
          expiresAfter: 'P2Y',
          formats: ['ob3-di', 'ob3-jwt', 'ob2-hosted', 'ob2-signed'],
          tags: ['secourisme', 'montagne'],
          image: 'premiers-secours.svg',
          showRecipientName: false,
        },
        now,
      ),
    );
    insertBadge(
      workspace.db,
      badgeClass(
        'guide-benevole',
        {
          name: 'Guide bénévole',
          description: 'Encadre des sorties ouvertes à tous au nom de l’association.',
          criteriaNarrative: 'Avoir encadré au moins cinq sorties dans l’année.',
          achievementType: 'Badge',
          expiresAfter: null,
          formats: ['ob3-di'],
          tags: ['bénévolat'],
          image: 'guide-benevole.png',
          showRecipientName: true,
        },
        now,
      ),
    );
    const designs = join(dir, 'designs');
    for (const [badgeId, template, rimLayer] of DEMO_DESIGNS) {
      const fromTemplate = templateDesign(template, 'fr', `demo-${badgeId}` as Parameters<typeof templateDesign>[2])!;
      const design = updateLayer(fromTemplate, rimLayer as LayerId, { text: 'RANDONNEURS DU VERCORS' });
      saveDesign(workspace, design);
      await linkDesignToBadge(workspace, design.id, badgeId);
      await writeFileAtomic(join(designs, `${badgeId}.badgesmith.json`), serializeDesign(design));
    }
    const endorsement = await endorse(workspace, keystore, { badgeId: 'premiers-secours', comment: 'Formation conforme au référentiel de l’association (endossement de démonstration).' });

    const rows = DEMO_RECIPIENTS.map((r, i) => `${r.email};${r.name};${i === 0 ? '15/03/2026' : ''};${i === 1 ? 'https://randonneurs.example.org/sorties/2026-03-21' : ''}`);
    await writeFileAtomic(paths.csv, `\uFEFFCourriel;Nom complet;Date d'émission;Preuve\r\n${rows.join('\r\n')}\r\n`);
    const guides = join(dir, 'guides.csv');
    await writeFileAtomic(guides, `email,name\n${DEMO_RECIPIENTS.slice(3).map((r) => `${r.email},${r.name}`).join('\n')}\n`);
    const issued = [
      await issueBatch(workspace, keystore, {
        badgeId: 'premiers-secours',
        csvPath: paths.csv,
        formats: ['ob3-di', 'ob3-jwt', 'ob2-hosted', 'ob2-signed'],
        bake: ['png', 'svg'],
        outDir: paths.credentials,
      }),
      await issueBatch(workspace, keystore, { badgeId: 'guide-benevole', csvPath: guides, formats: ['ob3-di'], bake: ['png', 'svg'], outDir: paths.credentials }),
    ];
    const target = listIssuances(workspace.db, { badgeId: 'premiers-secours' }).find((i) => i.format === 'ob3-di') as Issuance;
    const reason = 'Délivré par erreur (exemple de révocation).';
    revokeCredential(workspace, target.id, reason);
    const site = await exportSite(workspace, keystore, paths.site, { issuedDirs: [paths.credentials] });
    return {
      dir,
      workspace: paths.workspace,
      passphrase: DEMO_PASSPHRASE,
      csv: paths.csv,
      credentials: paths.credentials,
      designs,
      site: site.dir,
      siteUrl: issuer.siteUrl,
      did: issuer.did,
      badges: ['premiers-secours', 'guide-benevole'],
      issued,
      revoked: { id: target.id, credentialId: target.credentialId, format: target.format, reason },
      endorsement: endorsement.id,
    };
  } finally {
    workspace.close();
  }
}
