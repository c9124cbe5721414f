import type { MessageKey } from './en.js';

/** Les mêmes codes en français (typographie française : espace fine insécable avant « : ; ! ? »). */
export const FR: Record<MessageKey, string> = {
  // ── Fichiers, disques, dossiers ────────────────────────────────────────
  ERR_FILE_EMPTY:
    'Le fichier est vide. Choisissez le fichier complet (exportez-le ou téléchargez-le à nouveau).',
  ERR_FILE_EXISTS:
    'Quelque chose existe déjà à cet emplacement. Choisissez un autre nom, ou ajoutez --force pour le remplacer.',
  ERR_FILE_IS_DIRECTORY:
    'Ce chemin est un dossier, pas un fichier. Donnez le chemin du fichier lui-même.',
  ERR_FILE_NOT_FOUND:
    'Le fichier n’existe pas. Vérifiez le chemin (et le dossier courant), puis relancez la commande.',
  ERR_FILE_TOO_LARGE:
    'Le fichier dépasse la taille acceptée par Badgesmith. Vérifiez que c’est le bon fichier, ou réduisez-le.',
  ERR_FILE_UNREADABLE:
    'Le fichier ne peut pas être lu. Vérifiez qu’il n’est pas ouvert ailleurs et que vous avez le droit de le lire, puis réessayez.',
  ERR_FILE_WRITE:
    'Un fichier n’a pas pu être écrit. Vérifiez l’espace libre et les droits du dossier de sortie, puis relancez la commande.',
  ERR_DISK_FULL:
    'Le disque est plein. Libérez de la place, puis relancez la même commande : rien n’est fait deux fois.',
  ERR_DISK_IO:
    'Une erreur de disque a interrompu la commande. Vérifiez le disque, puis relancez la commande.',
  ERR_PERMISSION_DENIED:
    'Accès refusé. Choisissez un fichier ou un dossier auquel vous avez accès, ou changez ses droits.',
  ERR_READ_ONLY:
    'Cet emplacement est sur un disque en lecture seule. Choisissez un dossier où vous pouvez écrire.',
  ERR_NOT_A_FOLDER:
    'Une partie du chemin est un fichier là où un dossier était attendu. Vérifiez le chemin.',
  ERR_TOO_MANY_OPEN_FILES:
    'Trop de fichiers sont ouverts sur cet ordinateur. Fermez quelques programmes, puis relancez la commande.',
  ERR_OUT_NOT_FOLDER:
    'Le chemin --out est un fichier, pas un dossier. Donnez un dossier, par exemple --out ./delivres.',
  ERR_OUT_NOT_WRITABLE:
    'Badgesmith ne peut pas écrire dans le dossier --out. Choisissez un dossier où vous pouvez écrire.',
  ERR_DEMO_NOT_EMPTY:
    'Le dossier de démonstration n’est pas vide. Donnez à la démonstration un dossier nouveau ou vide.',

  // ── Ligne de commande ──────────────────────────────────────────────────
  ERR_USAGE:
    'La commande est incomplète ou contient une option inconnue. Lancez-la avec --help pour voir comment l’utiliser.',
  ERR_CANCELLED: 'Annulé. Rien de plus n’a été fait ; relancez la commande quand vous serez prêt.',
  ERR_NEGATIVE:
    'La réponse est non (par exemple : l’image ne contient pas de badge). Voir la ligne ci-dessus pour le détail.',
  ERR_PORT_IN_USE: 'Ce port est déjà utilisé. Choisissez-en un autre avec --port.',
  ERR_INTERNAL:
    'Un problème inattendu s’est produit dans Badgesmith. Relancez la commande ; si cela se reproduit, signalez-le avec la commande lancée.',

  // ── Espace de travail ──────────────────────────────────────────────────
  ERR_WORKSPACE_BUSY:
    'Une autre commande Badgesmith écrit dans cet espace de travail. Attendez qu’elle se termine, puis relancez celle-ci.',
  ERR_WORKSPACE_CORRUPT:
    'La base de l’espace de travail est endommagée. Restaurez l’espace de travail depuis une sauvegarde (badgesmith workspace restore).',
  ERR_WORKSPACE_DB_NOT_FILE:
    'Le chemin de la base de l’espace de travail est un dossier. Déplacez ce dossier ou choisissez un autre espace avec --workspace.',
  ERR_WORKSPACE_EXISTS:
    'Ce dossier contient déjà un espace de travail Badgesmith. Utilisez-le, ou choisissez un dossier vide avec --workspace.',
  ERR_WORKSPACE_MISSING:
    'Il n’y a pas d’espace de travail Badgesmith ici. Lancez d’abord badgesmith init, ou indiquez le vôtre avec --workspace.',
  ERR_WORKSPACE_NOT_FOLDER:
    'Le chemin de l’espace de travail est un fichier, pas un dossier. Donnez le dossier avec --workspace.',
  ERR_WORKSPACE_NOT_INITIALISED:
    'Cet espace de travail n’a pas encore d’émetteur. Lancez d’abord badgesmith init --name NOM --url URL --site-url URL.',
  ERR_WORKSPACE_READONLY:
    'Le dossier de l’espace de travail est en lecture seule. Rendez-le modifiable (ou copiez-le ailleurs), puis réessayez.',
  ERR_WORKSPACE_TOO_NEW:
    'Une version plus récente de Badgesmith a écrit cet espace de travail. Mettez Badgesmith à jour pour l’ouvrir ; le fichier n’a pas été modifié.',
  ERR_BACKUP_IS_WORKSPACE:
    'Ce fichier est une sauvegarde de tout l’espace de travail, pas une sauvegarde de clés. Restaurez-la dans un nouveau dossier avec workspace restore (ou Restaurer dans l’application).',
  ERR_BACKUP_INVALID:
    'Ce fichier n’est pas une sauvegarde Badgesmith utilisable (endommagée ou tronquée) ; rien n’a été écrit. Utilisez une autre sauvegarde.',
  ERR_BACKUP_OTHER_ISSUER:
    'Cette sauvegarde appartient à un autre émetteur. Restaurez-la plutôt dans un dossier d’espace de travail vide.',
  ERR_RESTORE_NOT_IDENTICAL:
    'Certains fichiers ne peuvent pas être réécrits à l’identique car le badge, l’émetteur ou --bake ont changé depuis. Délivrez-les à nouveau s’ils sont nécessaires.',
  ERR_SECRET_BOX_OPEN:
    'Les données chiffrées sont endommagées ou la phrase secrète est fausse. Vérifiez la phrase secrète, ou utilisez une autre copie du fichier.',

  // ── Sauvegardes, envois, application ─────────────────────────────────
  ERR_FONT_INVALID:
    'Ce fichier de police ne peut pas être lu (ce n’est pas une police WOFF). Réinstallez les polices de Badgesmith avec npm ci, ou choisissez une autre police.',
  ERR_CERTIFICATE_NO_NAME:
    'Aucun nom n’est connu pour cette personne, et un certificat en demande un. Délivrez à nouveau depuis un CSV avec une colonne de noms, puis faites le certificat.',
  ERR_CERTIFICATE_OUT_UNWRITABLE:
    'Impossible d’écrire les certificats dans ce dossier. Choisissez un dossier où vous pouvez écrire avec --out DIR.',
  ERR_CERTIFICATE_PENDING:
    'Cette attribution n’a pas fini d’être délivrée : elle n’a pas encore de certificat. Relancez d’abord la même émission, puis faites les certificats.',
  ERR_CERTIFICATE_REVOKED: 'Cette attribution est révoquée : aucun certificat n’est fait pour elle.',
  ERR_CERTIFICATE_WORKER:
    'Un fil de calcul des certificats a échoué et ses certificats n’ont pas été écrits. Relancez la commande ; si l’échec se répète, signalez le problème.',
  ERR_CERTIFICATE_ARTWORK_INVALID:
    'Le visuel du badge ne peut pas être lu comme une image PNG pour le certificat. Définissez à nouveau l’image du badge.',
  ERR_CERTIFICATE_FONT_MISSING:
    'Une police des certificats n’est pas installée. Lancez npm ci dans le dossier de Badgesmith.',
  ERR_DELIVERY_UNCONFIRMED:
    'Un envoi s’est arrêté pendant ce message ; il est peut-être arrivé. Vérifiez vos messages envoyés ou demandez à la personne ; ajoutez --resend-unconfirmed pour l’envoyer à nouveau.',
  ERR_GIT_MISSING:
    'La commande git n’est pas installée. Installez git, ou publiez plutôt avec --zip FICHIER.',
  ERR_PUBLISH_GIT_AUTH:
    'L’hébergeur git a refusé la connexion. Utilisez une adresse SSH avec votre clé SSH, ou configurez l’assistant d’identification de git avec un jeton, puis réessayez.',
  ERR_PUBLISH_GIT_FAILED:
    'git n’a pas pu préparer le site pour la publication. Lisez le message ci-dessus et vérifiez que git fonctionne dans un terminal, puis réessayez.',
  ERR_PUBLISH_GIT_REJECTED:
    'L’hébergeur a refusé le nouveau commit car la branche a changé depuis la dernière publication. Relancez la même commande site publish.',
  ERR_PUBLISH_GIT_UNREACHABLE:
    'git n’a pas pu joindre l’hébergeur. Vérifiez l’adresse et votre réseau, puis réessayez.',
  ERR_PUBLISH_GIT_HOST_KEY:
    'ssh ne fait pas encore confiance à l’hébergeur git (ou sa clé a changé). Connectez-vous une fois depuis un terminal, par exemple ssh -T git@github.com, acceptez la clé si son empreinte correspond à celle que publie votre hébergeur, puis réessayez.',
  ERR_PUBLISH_GIT_NOT_REPOSITORY:
    'Il n’y a pas de dépôt git à cette adresse. Créez d’abord le dépôt chez votre hébergeur, puis copiez son adresse depuis son bouton « Clone ».',
  ERR_PUBLISH_GIT_BRANCH_IN_USE:
    'Cette branche contient déjà d’autres fichiers (le code de votre projet, par exemple) que la publication remplacerait. Choisissez une autre branche, comme gh-pages.',
  ERR_PUBLISH_GIT_BRANCH:
    'Ce n’est pas un nom de branche. Utilisez des lettres, des chiffres, des tirets ou des barres obliques, par exemple gh-pages ou pages.',
  ERR_PUBLISH_GIT_ADDRESS:
    'Ce n’est pas l’adresse d’un dépôt. Copiez-la depuis le bouton « Clone » de votre hébergeur, par exemple https://github.com/vous/site.git ou git@github.com:vous/site.git.',
  ERR_PUBLISH_GIT_TOKEN_IN_ADDRESS:
    'L’adresse contient un mot de passe ou un jeton, que Badgesmith ne conservera pas. Retirez-le de l’adresse et laissez l’assistant d’identification de git ou votre clé SSH vous connecter.',
  ERR_PUBLISH_SITE_UNREADABLE:
    'Un fichier du site construit ne peut pas être lu : le site a-t-il changé pendant la création du zip ? Construisez le site à nouveau, puis refaites le zip.',
  ERR_PUBLISH_ZIP_UNWRITABLE:
    'Le fichier zip ne peut pas être écrit. Choisissez un fichier dans un dossier où vous pouvez écrire avec --zip FICHIER.',
  ERR_SMTP_AUTH:
    'Le serveur de courrier a refusé la connexion ; rien n’a été envoyé. Vérifiez --smtp-user et le mot de passe (BADGESMITH_SMTP_PASSWORD) ; certains fournisseurs demandent un « mot de passe d’application ».',
  ERR_SMTP_CONNECT:
    'Le serveur de courrier est injoignable ; rien n’a été envoyé. Vérifiez le nom du serveur, --smtp-port et votre réseau.',
  ERR_SMTP_FAILED:
    'L’envoi d’un message a échoué. Relancez la même commande pour envoyer le reste.',
  ERR_SMTP_INSECURE:
    'L’envoi sans chiffrement n’est permis que vers un serveur de cet ordinateur. Utilisez --smtp-security starttls (port 587) ou tls (port 465).',
  ERR_SMTP_PASSWORD_MISSING:
    'Aucun mot de passe de messagerie n’a été donné. Définissez BADGESMITH_SMTP_PASSWORD, ou lancez la commande dans un terminal pour qu’il vous soit demandé (il n’est jamais enregistré).',
  ERR_SMTP_RECIPIENT_REFUSED:
    'Le serveur de courrier a refusé cette adresse. Vérifiez l’adresse ; le prochain envoi la réessaiera.',
  ERR_SMTP_SENDER_REFUSED:
    'Le serveur de courrier refuse d’envoyer depuis cette adresse ; rien de plus n’a été envoyé. Donnez une adresse de ce compte avec --from.',
  ERR_SMTP_TLS:
    'La connexion chiffrée au serveur de courrier a échoué ; rien n’a été envoyé. Vérifiez --smtp-security (tls pour le port 465, starttls pour le 587) et le nom du serveur.',
  ERR_BACKUP_CORRUPT:
    'La sauvegarde est endommagée et n’est donc pas fiable ; rien n’a été écrit. Restaurez depuis une autre copie de la sauvegarde.',
  ERR_BACKUP_TRUNCATED:
    'La sauvegarde est incomplète (copiée avant la fin, ou disque plein) ; rien n’a été écrit. Copiez-la à nouveau, ou utilisez une autre copie.',
  ERR_BATCH_AMBIGUOUS:
    'Plusieurs lots commencent par cet identifiant. Donnez-en davantage (badgesmith issue --json affiche l’identifiant complet sous « batch »).',
  ERR_BATCH_NOT_FOUND:
    'Aucun lot de ce nom dans cet espace de travail. badgesmith issue --json affiche l’identifiant du lot ; ou choisissez les attributions avec --badge SLUG.',
  ERR_DELIVERY_FROM_MISSING:
    'Les messages ont besoin d’une adresse d’expéditeur. Donnez --from ADRESSE, ou définissez le courriel de l’émetteur avec badgesmith issuer update --email ADRESSE.',
  ERR_DELIVERY_IMAGE_CHANGED:
    'L’image intégrée n’est pas celle écrite par issue. Relancez le même badgesmith issue pour la rétablir, puis envoyez.',
  ERR_DELIVERY_IMAGE_MISSING:
    'L’image intégrée n’est plus là. Indiquez le dossier qui la contient avec --issued DOSSIER, ou relancez le même badgesmith issue.',
  ERR_DELIVERY_NO_EMAIL:
    'Cette personne n’a pas d’adresse électronique, seulement un DID. Remettez-lui le badge autrement, ou délivrez à nouveau avec une colonne email.',
  ERR_DELIVERY_NO_IMAGE:
    'Cette attribution n’a pas d’image intégrée à joindre. Délivrez-la à nouveau avec --bake png.',
  ERR_DELIVERY_OUT_UNWRITABLE:
    'Le dossier des messages ne peut pas être écrit. Choisissez un dossier où vous pouvez écrire avec --eml DOSSIER.',
  ERR_DELIVERY_PENDING:
    'La délivrance de cette attribution n’est pas terminée. Relancez le même badgesmith issue, puis envoyez.',
  ERR_DELIVERY_REVOKED:
    'Cette attribution est révoquée, elle n’est donc pas envoyée. Délivrez une nouvelle attribution si la personne doit l’avoir.',
  ERR_DELIVERY_RUNNING:
    'Ces messages sont déjà en cours d’envoi. Attendez la fin de cet envoi, ou annulez-le, puis réessayez.',
  ERR_DESIGN_IMAGE_INVALID:
    'Un calque image ne contient pas d’image PNG, JPEG ou SVG utilisable. Importez à nouveau l’image.',
  ERR_DESIGN_INVALID:
    'Ce fichier de conception est endommagé ou n’est pas une conception Badgesmith. Ouvrez une autre copie, ou commencez une nouvelle conception.',
  ERR_DESIGN_VERSION_UNSUPPORTED:
    'Une version plus récente de Badgesmith a enregistré cette conception. Mettez Badgesmith à jour pour l’ouvrir.',
  ERR_DESIGN_ASSETS_MISSING:
    'Les polices ou les icônes des conceptions ne sont pas installées. Lancez npm ci dans le dossier de Badgesmith.',
  ERR_DESIGN_ICON_UNKNOWN:
    'Un calque utilise une icône que ce Badgesmith n’a pas. Choisissez une autre icône.',
  ERR_DESIGN_LAYER_EXISTS:
    'Un calque avec cet identifiant existe déjà dans la conception. Donnez un autre identifiant au nouveau calque.',
  ERR_DESIGN_LAYER_NOT_FOUND:
    'Ce calque n’est pas dans la conception (il a peut-être été supprimé). Choisissez un autre calque.',
  ERR_DESIGN_NOT_FOUND:
    'Aucune conception enregistrée n’a cet identifiant. Lancez badgesmith design list pour voir les conceptions.',
  ERR_DESIGN_SIZE_INVALID:
    'La taille de l’image doit être un nombre entier de pixels de 16 à 4096, par exemple --size 512.',
  ERR_DESIGN_IMAGE_UNSUPPORTED:
    'Seules les images PNG, JPEG et SVG peuvent être placées dans un modèle. Enregistrez l’image dans l’un de ces formats.',
  ERR_PERSONALISED_ARTWORK_NEEDS_DESIGN:
    'Seul un badge dont l’image vient d’un design peut porter le nom de chaque titulaire. Utilisez un design comme image de ce badge (Atelier, Exporter, « Utiliser comme image du badge… »), puis activez l’image personnalisée.',
  ERR_DESIGN_TEMPLATE_UNKNOWN: 'Ce modèle n’existe pas. Choisissez l’un des modèles proposés.',
  ERR_BACKUP_TOO_NEW:
    'Une version plus récente de Badgesmith a fait cette sauvegarde. Mettez Badgesmith à jour, puis restaurez-la à nouveau ; rien n’a été écrit.',
  ERR_DELIVERY_TEMPLATE_INVALID:
    'Le modèle de courriel n’est pas utilisable. Commencez-le par une ligne « Subject : … », puis une ligne vide, puis le message ; badgesmith deliver template --force réécrit l’original.',
  ERR_DELIVERY_TEMPLATE_MISSING:
    'Le modèle de courriel ne peut pas être lu. Vérifiez le chemin, ou écrivez-en un nouveau avec badgesmith deliver template.',
  ERR_IPC_BAD_REQUEST:
    'L’application a envoyé une demande inutilisable. Redémarrez l’application ; si cela se reproduit, signalez-le.',
  ERR_IPC_UNTRUSTED_SENDER:
    'Seule la fenêtre de Badgesmith peut utiliser Badgesmith. Fermez les autres fenêtres et utilisez celle de l’application.',
  ERR_IPC_UNAUTHORISED:
    'Cette page n’est pas celle que Badgesmith a ouverte. Utilisez l’adresse que Badgesmith a affichée au démarrage.',
  ERR_IPC_TOO_LARGE:
    'Ce fichier est trop gros pour être envoyé à Badgesmith. Choisissez un fichier plus petit (la limite est d’environ 48 Mo).',
  ERR_APP_NOT_BUILT:
    'L’application n’est pas encore construite. Lancez npm run build (ou npm start), puis réessayez.',
  ERR_APP_UNREACHABLE:
    'Badgesmith ne tourne plus. Relancez-le avec npm start, puis rechargez cette page.',
  ERR_IPC_UNKNOWN_CHANNEL:
    'L’application a demandé quelque chose qui n’existe pas. Redémarrez l’application ; si cela se reproduit, signalez-le.',
  ERR_ISSUE_RUNNING:
    'Des badges sont déjà en cours d’émission. Attendez la fin ou annulez, puis recommencez.',
  ERR_ISSUE_JOB_NOT_FOUND:
    'Cette émission n’est plus connue (l’application a redémarré). Relancez-la : rien n’est émis deux fois.',
  ERR_WORKSPACE_LOCKED:
    'Les clés sont verrouillées. Saisissez la phrase secrète de l’espace de travail pour les déverrouiller.',
  ERR_WORKSPACE_NOT_FOUND:
    'Ce dossier ne contient pas d’espace de travail Badgesmith. Choisissez le dossier où vous avez créé votre association.',
  ERR_WORKSPACE_NOT_OPEN:
    'Aucun espace de travail n’est ouvert. Ouvrez votre association, ou essayez d’abord l’exemple.',
  // ── Phrases secrètes et clés ───────────────────────────────────────────
  ERR_PASSPHRASE_REQUIRED:
    'Une phrase secrète est nécessaire. Définissez BADGESMITH_PASSPHRASE ou lancez la commande dans un terminal pour qu’elle vous soit demandée.',
  ERR_PASSPHRASE_WRONG:
    'La phrase secrète ne l’ouvre pas. Tapez la phrase secrète choisie lors de badgesmith init (ou celle de la sauvegarde).',
  ERR_PASSPHRASE_MISMATCH:
    'Les deux phrases secrètes diffèrent. Relancez la commande et tapez deux fois la même phrase secrète.',
  ERR_PASSPHRASE_TOO_SHORT:
    'La phrase secrète est trop courte. Choisissez-en une d’au moins 8 caractères.',
  ERR_KEYSTORE_CORRUPT:
    'Le trousseau de clés est endommagé. Restaurez les clés avec badgesmith keys import (ou restaurez une sauvegarde de l’espace de travail).',
  ERR_KEY_INVALID:
    'La clé n’est pas utilisable. Donnez le fichier de clé publique publié par l’émetteur, ou créez une nouvelle clé avec badgesmith keys generate.',
  ERR_KEY_MISMATCH:
    'La méthode de vérification désigne une autre clé que la clé privée donnée. Donnez le fichier de clé ou la --verification-method qui correspond.',
  ERR_KEY_MISSING:
    'Aucune clé de signature n’a été trouvée. Restaurez les clés (badgesmith keys import), ou pour un badge OB 2.0, demandez à l’émetteur de nommer sa clé.',
  ERR_KEY_NOT_AUTHORIZED:
    'Le profil de l’émetteur ne liste pas la clé de signature. Demandez à l’émetteur de publier la clé dans son profil.',
  ERR_KEY_NOT_FOUND:
    'Aucune clé avec cet identifiant dans cet espace de travail. Lancez badgesmith keys list pour voir les clés.',
  ERR_KEY_NOT_PRIVATE:
    'Signer demande la clé privée, or ceci est une clé publique. Donnez le fichier de clé privée (badgesmith keys generate --out FICHIER).',
  ERR_KEY_TAMPERED:
    'Un fichier de clé a été modifié ou remplacé et n’a pas été utilisé. Restaurez les clés depuis votre sauvegarde.',
  ERR_KEY_TYPE_MISMATCH:
    'Cette clé ne peut pas produire ce type de signature. Utilisez une clé Ed25519 pour OB 3.0, une clé RSA pour les badges signés OB 2.0.',
  ERR_KEY_UNAVAILABLE:
    'La clé de signature n’est pas disponible hors ligne, la signature ne peut donc pas être vérifiée. Fournissez-la avec --site ou --resolve.',
  ERR_VERIFICATION_METHOD_INVALID:
    'La méthode de vérification doit être une URL absolue ou une URL de DID, comme did:web:example.org#key-1.',
  ERR_VERIFICATION_METHOD_UNKNOWN:
    'La clé de signature ne figure pas dans le document DID de l’émetteur. Fournissez le bon document DID avec --did-document.',
  ERR_DID_DOCUMENT_INVALID:
    'Ce n’est pas un document DID (il n’a pas d’id). Donnez le did.json que publie l’émetteur.',
  ERR_DID_UNRESOLVED:
    'Le document DID de l’émetteur n’est pas disponible hors ligne. Fournissez-le avec --did-document FICHIER ou --site DOSSIER.',
  ERR_LD_DOCUMENT_UNKNOWN:
    'Un document auquel le badge fait référence n’a pas de copie hors ligne. Fournissez-le avec --did-document, --site ou --resolve.',
  ERR_JWT_KID_REQUIRED:
    'Un VC-JWT demande --kid : l’identifiant de votre clé publique dans votre document DID (par exemple did:web:example.org#key-1).',
  ERR_CREATED_INVALID:
    'La date de la preuve doit être une date-heure ISO avec fuseau horaire, comme 2026-05-31T12:00:00Z.',

  // ── Émetteur, badges, attributions ─────────────────────────────────────
  ERR_ISSUER_NAME_REQUIRED: 'L’émetteur a besoin d’un nom. Donnez-le avec --name.',
  ERR_ISSUER_URL_INVALID:
    'Ce n’est pas une adresse web. Donnez la page d’accueil de l’organisation, par exemple https://example.org/.',
  ERR_BADGE_EXISTS:
    'Un badge avec cet identifiant existe déjà. Choisissez un autre identifiant, ou modifiez l’existant avec badgesmith badge update.',
  ERR_BADGE_ID_INVALID:
    'Cet identifiant de badge n’est pas valide. Utilisez des minuscules, des chiffres et des tirets.',
  ERR_BADGE_NAME_REQUIRED: 'Le badge a besoin d’un nom. Tapez le nom que les gens y liront.',
  ERR_BADGE_DESCRIPTION_REQUIRED:
    'Le badge a besoin d’une description. Dites en une ou deux phrases ce qu’il reconnaît.',
  ERR_BADGE_CRITERIA_REQUIRED:
    'Dites ce qui permet d’obtenir le badge : écrivez les critères, donnez l’adresse d’une page qui les décrit, ou les deux.',
  ERR_BADGE_URL_INVALID:
    'Ce n’est pas une adresse web. Donnez une adresse complète commençant par https://, par exemple https://example.org/criteres.',
  ERR_BADGE_FORMATS_REQUIRED:
    'Choisissez au moins un format de certificat (Open Badges 3.0 est le choix habituel).',
  ERR_ALIGNMENT_NAME_REQUIRED:
    'Chaque alignement a besoin du nom du référentiel ou de la norme visée. Remplissez-le ou retirez l’alignement.',
  ERR_ACHIEVEMENT_TYPE_INVALID:
    'Ce type de réussite est inconnu. Choisissez-en un dans la liste, ou écrivez le vôtre sous la forme ext:VotreType.',
  ERR_ISSUER_EMAIL_INVALID:
    'Ce n’est pas une adresse e-mail valide. Écrivez-la comme contact@example.org, ou laissez le champ vide.',
  ERR_BADGE_NOT_FOUND:
    'Aucun badge avec cet identifiant. Lancez badgesmith badge list pour voir les identifiants.',
  ERR_ARTWORK_MISSING:
    'L’image du badge manque dans l’espace de travail. Définissez-la à nouveau avec badgesmith badge update --image FICHIER.',
  ERR_ARTWORK_UNREADABLE:
    'L’image du badge n’a pas pu être convertie pour ce format. Définissez une image de ce type (PNG ou SVG) avec badgesmith badge update --image FICHIER.',
  ERR_DURATION_INVALID:
    'Ce n’est pas une durée ISO 8601. Écrivez-la comme P1Y, P6M ou P90D (et non nulle).',
  ERR_AWARD_AMBIGUOUS:
    'Plusieurs attributions commencent par cet identifiant. Donnez-en davantage de caractères.',
  ERR_AWARD_NOT_FOUND:
    'Aucune attribution de ce nom dans cet espace de travail. Lancez badgesmith credentials list pour la trouver.',
  ERR_CREDENTIAL_NOT_FOUND:
    'Aucune attestation de ce nom dans cet espace de travail. Lancez badgesmith credentials list pour la trouver.',
  ERR_AWARD_FILE_NOT_FOUND:
    'Ce fichier n’est pas l’un des fichiers de cette attribution. Rouvrez l’attribution et choisissez l’un des fichiers qu’elle affiche.',
  ERR_AWARD_FILE_INVALID:
    'L’espace de travail désigne pour cette attestation un fichier que Badgesmith n’écrit jamais : il n’est pas proposé. L’espace de travail semble modifié : restaurez-le depuis une sauvegarde.',
  ERR_AWARD_FILE_MISSING:
    'Le fichier délivré a été déplacé ou supprimé après la délivrance. Remettez-le dans le dossier où il a été délivré, puis réessayez.',
  ERR_AWARD_FILE_CHANGED:
    'Le fichier délivré a été modifié après la délivrance : il n’est pas proposé. Remettez l’original (depuis une sauvegarde), puis réessayez.',
  ERR_SITE_NOT_BUILT:
    'Le site n’est pas encore construit. Construisez-le d’abord, puis prévisualisez-le.',
  ERR_NOT_REVOCABLE:
    'Cette attestation n’a pas d’entrée de liste de statut et ne peut donc pas être révoquée. Délivrez-en une nouvelle et demandez à la personne de l’utiliser.',
  ERR_RECIPIENT_MISSING:
    'L’attestation a besoin d’un titulaire. Donnez une adresse électronique ou un DID.',
  ERR_OB2_NEEDS_EMAIL:
    'Un badge OB 2.0 demande l’adresse électronique du titulaire. Ajoutez une colonne email, ou ne délivrez que l’OB 3.0 pour cette personne.',
  ERR_ENDORSEMENT_SUBJECT:
    'La recommandation porte sur un autre badge. Attachez-la au badge qu’elle nomme.',
  ERR_ENDORSEMENT_UNSIGNED:
    'La recommandation n’a pas de preuve. Demandez le fichier signé à son auteur.',
  ERR_ENDORSEMENT_UNVERIFIED:
    'La recommandation ne se vérifie pas, elle n’a donc pas été attachée. Demandez à son auteur un fichier signé valide et ses documents publics.',
  ERR_ENDORSER_UNKNOWN:
    'Seul l’émetteur de cet espace de travail peut signer des recommandations ici. Attachez-en une signée ailleurs avec badgesmith endorse add FICHIER.',
  ERR_TEXT_INVALID:
    'Le texte contient un caractère qui ne peut pas être publié (caractère de contrôle ou invisible). Retapez-le sans ce caractère.',
  ERR_URL_SEGMENT_INVALID:
    'Ce nom ne peut pas faire partie d’une URL du site. Utilisez des lettres, des chiffres, des points, des tirets et des soulignés.',
  ERR_SIGN_POOL_CLOSED:
    'La signature s’est arrêtée avant la fin. Relancez la même commande : ce qui a été délivré ne l’est pas deux fois.',
  ERR_SIGN_WORKER:
    'Un fil de signature a échoué ; les attestations qu’il traitait n’ont pas été signées. Relancez la même commande.',
  ERR_VERIFY_WORKER: 'Un fil de vérification a échoué. Relancez la commande.',

  // ── CSV des titulaires ─────────────────────────────────────────────────
  ERR_CSV_COLUMN_NOT_FOUND:
    'Le CSV n’a pas cette colonne. Vérifiez les noms de colonnes sur sa première ligne (avec --column CHAMP=EN-TÊTE, écrivez l’en-tête comme dans le fichier).',
  ERR_CSV_COLUMN_COUNT:
    'Cette ligne n’a pas le même nombre de colonnes que l’en-tête. Cherchez une virgule manquante ou en trop sur cette ligne.',
  ERR_CSV_DATE_FUTURE:
    'La date de délivrance est dans le futur. Corrigez la colonne issued_on (ou laissez-la vide pour aujourd’hui).',
  ERR_CSV_DATE_INVALID: 'Ce n’est pas une date. Écrivez-la 2026-05-31 ou 31/05/2026.',
  ERR_CSV_DID_INVALID: 'Ce n’est pas un DID. Écrivez-le did:methode:… ou laissez la colonne vide.',
  ERR_CSV_DUPLICATE_COLUMN:
    'Deux colonnes ont le même sens ; seule la première est utilisée. Supprimez ou renommez l’autre.',
  ERR_CSV_DUPLICATE_ROW:
    'Cette personne figure déjà sur une ligne précédente ; chacun reçoit le badge une fois. Supprimez la ligne répétée.',
  ERR_CSV_EMAIL_INVALID:
    'L’adresse électronique n’est pas valide. Corrigez-la dans le CSV et relancez la même commande : les lignes déjà délivrées ne le sont pas deux fois.',
  ERR_CSV_ENCODING:
    'Le fichier CSV n’est pas du texte UTF-8. Dans votre tableur, enregistrez-le au format « CSV UTF-8 ».',
  ERR_CSV_EVIDENCE_INVALID:
    'L’adresse de la preuve n’est pas utilisable. Donnez une adresse web complète en https://, ou laissez-la vide.',
  ERR_CSV_FIELD_TOO_LONG:
    'Une valeur de cette ligne est trop longue. Raccourcissez-la dans le CSV.',
  ERR_CSV_MULTILINE_ROW:
    'Une valeur entre guillemets s’étend sur plusieurs lignes. Mettez-la sur une seule ligne, ou cherchez un guillemet égaré.',
  ERR_CSV_NO_RECIPIENT_COLUMN:
    'Le CSV n’a pas de colonne email. Ajoutez une ligne d’en-tête avec une colonne email (ou did).',
  ERR_CSV_QUOTE_NOT_CLOSED:
    'Un guillemet est ouvert et jamais fermé. Supprimez ce guillemet ou fermez-le avec un autre.',
  ERR_CSV_RECIPIENT_MISSING:
    'La ligne n’a pas d’adresse électronique (ni de DID). Complétez-la, ou supprimez la ligne.',
  ERR_CSV_RECORD_TOO_LARGE:
    'Une ligne est bien trop longue pour un titulaire (souvent un guillemet égaré). Vérifiez les guillemets sur ces lignes.',
  ERR_CSV_TEXT_INVALID:
    'Un nom ou un récit contient un caractère qui ne peut pas être publié. Retapez-le sans ce caractère.',
  ERR_CSV_UNKNOWN_COLUMN:
    'Une colonne n’est pas utilisée. Colonnes connues : email, name, did, issued_on, evidence_url, narrative.',

  // ── JSON, images, intégration ──────────────────────────────────────────
  ERR_JSON_INVALID:
    'Le fichier n’est pas du JSON valide. Vérifiez que c’est le bon fichier, ou exportez-le à nouveau.',
  ERR_JSON_TOO_DEEP:
    'Le JSON est imbriqué trop profondément pour un badge, une clé ou un document DID ; il a été refusé sans être lu. Vérifiez que c’est le bon fichier.',
  ERR_JSON_TOO_LARGE:
    'Le JSON est plus gros que ne peut l’être un badge, une clé ou un document DID. Vérifiez que c’est le bon fichier.',
  ERR_BUFFER_TOO_LARGE:
    'Les données de l’image sont plus longues que sa taille ne l’indique. Exportez à nouveau l’image depuis votre logiciel de dessin.',
  ERR_IMAGE_TOO_LARGE:
    'L’image est trop grande pour un badge. Exportez-la plus petite (quelques milliers de pixels de côté au plus).',
  ERR_IMAGE_UNSUPPORTED:
    'Les Open Badges ne peuvent être intégrés que dans des images PNG ou SVG. Convertissez d’abord l’image en PNG.',
  ERR_PNG_CORRUPT:
    'Ce PNG est endommagé. Exportez à nouveau l’image depuis votre logiciel de dessin.',
  ERR_SVG_DOCTYPE:
    'Ce SVG déclare des entités dans son DOCTYPE, ce qui est refusé. Supprimez le bloc <!DOCTYPE …> et enregistrez-le à nouveau.',
  ERR_SVG_INVALID:
    'Ce SVG n’est pas du XML UTF-8 bien formé. Enregistrez-le à nouveau en SVG simple (UTF-8) depuis votre logiciel de dessin.',
  ERR_SVG_TOO_DEEP:
    'Ce SVG imbrique trop profondément ses éléments. Aplatissez ses groupes dans votre logiciel de dessin et enregistrez-le à nouveau.',
  ERR_SVG_UNSAFE:
    'Ce SVG contient du contenu qu’un navigateur exécuterait ou téléchargerait. Importez-le avec badgesmith badge update --image FICHIER, qui retire ce contenu.',
  ERR_NOT_BAKED:
    'Cette image ne contient pas d’attestation Open Badges. Choisissez l’image intégrée envoyée par l’émetteur (pas le visuel du badge), ou intégrez-en une avec badgesmith bake.',
  ERR_PAYLOAD_INVALID:
    'L’attestation ne peut pas être intégrée telle quelle. Donnez le fichier d’attestation délivré par Badgesmith (.json ou .jws).',
  ERR_PAYLOAD_TOO_LARGE:
    'L’attestation est trop grosse pour être intégrée dans une image. Retirez-en les grandes images intégrées, ou partagez plutôt le fichier .json.',

  // ── Site publié ────────────────────────────────────────────────────────
  ERR_SITE_ARTWORK_INVALID:
    'L’image d’un badge est enregistrée sous un nom absent du dossier des visuels ; elle n’est pas publiée. Définissez-la à nouveau avec badge update --image.',
  ERR_SITE_ARTWORK_MISSING:
    'L’image d’un badge manque dans le dossier des visuels. Définissez-la à nouveau avec badgesmith badge update --image FICHIER.',
  ERR_SITE_CREDENTIAL_MISSING:
    'Un fichier délivré a été déplacé ou supprimé. Remettez-le en place, ou relancez badgesmith issue pour l’écrire.',
  ERR_SITE_CREDENTIAL_PATH_INVALID:
    'L’espace de travail enregistre un fichier délivré à un chemin inutilisable. Délivrez à nouveau cette attestation.',
  ERR_SITE_MANIFEST_INVALID:
    'Le manifeste du site est endommagé. Construisez à nouveau le site dans un dossier vide.',
  ERR_SITE_MODEL_INVALID:
    'Le site ne peut pas être construit depuis cet espace de travail (le DID de l’émetteur et l’URL du site ne concordent pas, ou deux fichiers partagent un chemin). Vérifiez badgesmith issuer show.',
  ERR_SITE_NOT_FOUND:
    'Ce dossier n’est pas un site construit par Badgesmith. Lancez d’abord badgesmith site build --out DOSSIER.',
  ERR_SITE_OUT_INVALID: 'Le chemin --out est un fichier. Donnez un dossier pour le site.',
  ERR_SITE_OUT_NOT_EMPTY:
    'Le dossier --out n’est pas vide et n’est pas un site Badgesmith. Choisissez un dossier vide ou nouveau.',
  ERR_SITE_PATH_BLOCKED:
    'Un fichier se trouve là où le site a besoin d’un dossier. Déplacez-le et construisez à nouveau le site.',
  ERR_SITE_PATH_INVALID:
    'Un chemin de fichier du site n’est pas un chemin relatif sûr. Construisez à nouveau le site depuis l’espace de travail.',
  ERR_SITE_PATH_OUTSIDE:
    'Un lien symbolique du dossier du site mène en dehors ; rien n’a été écrit à travers lui. Supprimez le lien et construisez à nouveau.',
  ERR_SITE_SOURCE_CHANGED:
    'Un fichier délivré a changé après sa délivrance ; il n’est pas publié. Remettez l’original ou délivrez-le à nouveau.',
  ERR_SITE_SOURCE_HASH_INVALID:
    'L’empreinte enregistrée d’un fichier délivré est endommagée ; il n’est pas publié. Délivrez à nouveau cette attestation.',
  ERR_SITE_SOURCE_MISSING:
    'Un fichier délivré ne peut pas être lu ; le dossier de sortie a-t-il été déplacé ou supprimé ? Remettez-le en place ou délivrez à nouveau.',
  ERR_SITE_URL_INVALID:
    'L’URL du site doit être une adresse https://, comme https://badges.example.org/club/.',
  ERR_SITE_URL_UNSAFE:
    'Une adresse enregistrée dans l’espace de travail n’est pas une adresse web http(s). Corrigez-la et construisez à nouveau le site.',

  // ── Vérification ───────────────────────────────────────────────────────
  ERR_FORMAT_UNKNOWN:
    'Ce n’est pas un badge. Choisissez une image PNG ou SVG contenant le badge, ou une attestation .json / .jws.',
  ERR_UNVERIFIABLE:
    'Ce badge ne peut pas être vérifié sous cette forme. Vérifiez plutôt le fichier signé (.jws) ou l’image contenant le badge.',
  ERR_VERIFY_INTERNAL:
    'Le badge n’a pas pu être vérifié à cause d’un problème inattendu. Réessayez ; si cela persiste, signalez-le avec le fichier.',
  ERR_CHECK_FAILED:
    'Un contrôle a échoué. Voir les autres contrôles pour le détail, ou demandez une nouvelle copie à l’émetteur.',
  ERR_CREDENTIAL_INVALID:
    'L’attestation ne suit pas les règles Open Badges. Demandez à l’émetteur de la délivrer à nouveau.',
  ERR_CREDENTIAL_LEGACY:
    'Cette attestation utilise l’ancien modèle VCDM 1.1. Elle est acceptée ; demandez à l’émetteur de la délivrer à nouveau en VCDM 2.0.',
  ERR_ASSERTION_INVALID:
    'L’assertion Open Badges 2.0 est incomplète. Demandez à l’émetteur de la délivrer à nouveau.',
  ERR_SUBJECT_MISSING:
    'L’attestation ne dit pas qui l’a obtenue. Demandez à l’émetteur de la délivrer à nouveau.',
  ERR_SUBJECT_UNIDENTIFIED:
    'L’attestation ne nomme pas de titulaire : quiconque détient le fichier peut la présenter comme la sienne. Demandez le nom ou le courriel de la personne pour en être sûr.',
  ERR_ISSUER_MISSING:
    'L’attestation ne nomme pas d’émetteur. Demandez à l’émetteur de la délivrer à nouveau.',
  ERR_ISSUER_INVALID:
    'Le profil de l’émetteur ou la description du badge est incomplet. Demandez à l’émetteur de les compléter.',
  ERR_ISSUER_KEY_MISMATCH:
    'La clé de signature n’est pas celle de l’émetteur : quelqu’un d’autre a pu fabriquer ce badge. Contactez l’émetteur avant de vous y fier.',
  ERR_ISSUER_KEY_UNKNOWN:
    'La clé de signature ne peut pas être reliée à l’émetteur car la signature ne se vérifie pas.',
  ERR_ISSUER_UNCONFIRMED:
    'Rien de ce que publie l’émetteur ne confirme la clé de signature. Fournissez les documents de l’émetteur avec --site, --resolve ou --did-document.',
  ERR_PROOF_INVALID:
    'La signature ne se vérifie pas : le badge a été modifié après sa signature, ou signé avec une autre clé. Demandez le fichier original à l’émetteur.',
  ERR_PROOF_MISSING:
    'L’attestation n’a pas de preuve (elle n’est pas signée). Demandez le fichier signé à l’émetteur.',
  ERR_PROOF_UNSUPPORTED:
    'L’attestation est signée par une méthode que Badgesmith ne sait pas vérifier (il prend en charge eddsa-rdfc-2022 et Ed25519Signature2020).',
  ERR_JWS_INVALID:
    'Le texte signé est endommagé (ce n’est pas un JWS compact). Demandez le fichier original à l’émetteur.',
  ERR_JWT_ALG_UNSUPPORTED:
    'Le jeton est signé avec un algorithme que les Open Badges n’autorisent pas. Demandez à l’émetteur de signer en RS256 ou ES256.',
  ERR_JWT_CLAIMS_INVALID:
    'Les déclarations du jeton ne correspondent pas à l’attestation qu’il contient. Demandez à l’émetteur de la délivrer à nouveau.',
  ERR_JWT_HEADER_INVALID:
    'L’en-tête du jeton contient des membres que les Open Badges n’autorisent pas. Demandez à l’émetteur de le délivrer à nouveau.',
  ERR_JWT_KEY_MISSING:
    'Le jeton ne nomme aucune clé, sa signature ne peut donc pas être vérifiée. Demandez à l’émetteur de le signer avec une clé publiée.',
  ERR_JWT_KEY_PRIVATE:
    'La clé publiée contient des éléments de clé privée. Prévenez l’émetteur : il ne doit publier que la clé publique.',
  ERR_JWT_KEY_UNAVAILABLE:
    'La clé nommée par le jeton n’est pas disponible hors ligne. Fournissez la clé de l’émetteur avec --site DOSSIER, --resolve PREFIXE_URL=DOSSIER ou --did-document FICHIER.',
  ERR_DATE_INVALID:
    'Une date du badge n’est pas une date-heure valide. Demandez à l’émetteur de le délivrer à nouveau.',
  ERR_NOT_YET_VALID:
    'Ce badge n’est pas encore valide. Vérifiez l’horloge de l’ordinateur, ou attendez sa date de début.',
  ERR_EXPIRED: 'Ce badge a expiré. Demandez à l’émetteur s’il peut être renouvelé.',
  ERR_REVOKED:
    'L’émetteur a révoqué ce badge. Contactez l’émetteur si vous pensez qu’il s’agit d’une erreur.',
  ERR_SUSPENDED:
    'L’émetteur a suspendu ce badge pour le moment. Contactez l’émetteur pour en savoir plus.',
  ERR_STATUS_INVALID:
    'Les informations de statut du badge sont mal formées, la révocation ne peut donc pas être vérifiée. Demandez à l’émetteur de le délivrer à nouveau.',
  ERR_STATUS_INDEX:
    'L’index de statut est en dehors de la liste de statut. Demandez à l’émetteur de délivrer à nouveau le badge.',
  ERR_STATUS_LIST_INVALID:
    'La liste de statut de l’émetteur n’est pas fiable ou illisible. Demandez à l’émetteur de publier à nouveau son site.',
  ERR_STATUS_UNAVAILABLE:
    'La liste de statut de l’émetteur n’est pas disponible hors ligne, la révocation est donc inconnue. Fournissez-la avec --site ou --resolve.',
  ERR_STATUS_UNSUPPORTED:
    'Le badge utilise une méthode de statut que Badgesmith ne connaît pas, la révocation n’a donc pas pu être vérifiée.',
  ERR_REVOCATION_LIST_INVALID:
    'La liste de révocation de l’émetteur est mal formée. Demandez à l’émetteur de la publier à nouveau.',
  ERR_RECIPIENT_MISMATCH:
    'Ce badge n’a pas été délivré à cette adresse. Vérifiez l’orthographe, ou demandez à la personne quelle adresse l’émetteur a utilisée.',
  ERR_RECIPIENT_HASH_UNSUPPORTED:
    'Le titulaire est haché avec un algorithme qui ne peut pas être vérifié (seul sha256 peut l’être).',
  ERR_HOSTED_INVALID:
    'La copie hébergée de ce badge par l’émetteur n’est pas une assertion valide. Demandez à l’émetteur de la publier à nouveau.',
  ERR_HOSTED_MISMATCH:
    'Le badge diffère de la copie hébergée par son émetteur. Demandez le fichier à jour à l’émetteur.',
  ERR_ORIGIN_MISMATCH:
    'Le badge ou sa clé est publié en dehors du site web de l’émetteur. Ne vous y fiez pas sans demander à l’émetteur.',
  ERR_UNRESOLVABLE:
    'Un document nécessaire au contrôle n’est pas disponible hors ligne. Fournissez-le avec --site DOSSIER, --resolve PREFIXE_URL=DOSSIER ou --did-document FICHIER.',
  ERR_ENDORSEMENT_INVALID:
    'Une recommandation ne se vérifie pas. Le badge lui-même peut rester valide ; demandez à son auteur une recommandation valide.',

  // ── Contrôles du vérificateur, noms et sens d’un succès ──────────────
  'check.format': 'Format',
  'check.schema': 'Structure',
  'check.subject': 'Titulaire nommé',
  'check.issuer': 'Émetteur',
  'check.proof': 'Signature',
  'check.issuer-key': 'Clé de l’émetteur',
  'check.key': 'Clé de signature',
  'check.dates': 'Dates',
  'check.status': 'Statut de révocation',
  'check.revocation': 'Révocation',
  'check.endorsements': 'Recommandations',
  'check.recipient': 'Titulaire',
  'check.hosted': 'Copie hébergée',
  'check.origin': 'Origine',
  'check.format.ok': 'Le fichier est un badge Open Badges.',
  'check.schema.ok': 'Le badge a toutes les propriétés exigées par Open Badges.',
  'check.subject.ok': 'Le badge nomme son titulaire.',
  'check.issuer.ok': 'Le badge nomme son émetteur.',
  'check.proof.ok': 'La signature se vérifie.',
  'check.issuer-key.ok': 'La clé de signature est celle de l’émetteur.',
  'check.key.ok': 'La clé de signature est publiée par l’émetteur.',
  'check.dates.ok': 'Le badge est dans ses dates de validité.',
  'check.status.ok': 'L’émetteur n’a pas révoqué ce badge.',
  'check.revocation.ok': 'L’émetteur n’a pas révoqué ce badge.',
  'check.endorsements.ok': 'Toutes les recommandations se vérifient.',
  'check.recipient.ok': 'Le badge a été délivré à cette adresse.',
  'check.hosted.ok': 'Le badge correspond à la copie hébergée par son émetteur.',
  'check.origin.ok': 'Le badge est publié sur le site web de son émetteur.',

  // ── Phrases du vérificateur, avec leur contexte ───────────────────────
  'verify.offlineHint':
    'Badgesmith ne télécharge jamais rien : fournissez-en une copie avec --site DOSSIER, --resolve PREFIXE_URL=DOSSIER ou --did-document FICHIER.',
  'verify.unresolvable.assertion':
    'L’assertion hébergée {url} n’est pas disponible hors ligne. Badgesmith ne télécharge jamais rien : fournissez-en une copie avec --site DOSSIER, --resolve PREFIXE_URL=DOSSIER ou --did-document FICHIER.',
  'verify.unresolvable.badgeClass':
    'La BadgeClass {url} n’est pas disponible hors ligne. Badgesmith ne télécharge jamais rien : fournissez-en une copie avec --site DOSSIER, --resolve PREFIXE_URL=DOSSIER ou --did-document FICHIER.',
  'verify.unresolvable.issuerProfile':
    'Le profil de l’émetteur {url} n’est pas disponible hors ligne. Badgesmith ne télécharge jamais rien : fournissez-en une copie avec --site DOSSIER, --resolve PREFIXE_URL=DOSSIER ou --did-document FICHIER.',
  'verify.unresolvable.revocationList':
    'La liste de révocation {url} n’est pas disponible hors ligne. Badgesmith ne télécharge jamais rien : fournissez-en une copie avec --site DOSSIER, --resolve PREFIXE_URL=DOSSIER ou --did-document FICHIER.',
  'verify.unresolvable.signingKey':
    'La clé de signature {url} n’est pas disponible hors ligne. Badgesmith ne télécharge jamais rien : fournissez-en une copie avec --site DOSSIER, --resolve PREFIXE_URL=DOSSIER ou --did-document FICHIER.',
  'verify.format.empty': 'Le fichier est vide.',
  'verify.format.emptyPayload': 'Le contenu du badge est vide.',
  'verify.format.notBadge':
    'Ce n’est pas un badge : une attestation JSON, un JWS compact ou une image PNG/SVG contenant un badge était attendu.',
  'verify.format.jsonInvalid': 'Le badge ressemble à du JSON mais ne peut pas être lu.',
  'verify.format.jwsNotBadge': 'Le JWS ne contient ni attestation ni assertion Open Badges.',
  'verify.format.notObject': 'Le document JSON n’est pas un objet, ce n’est donc pas un badge.',
  'verify.format.ob2PlainSigned':
    'Cette assertion Open Badges 2.0 signée a été donnée en JSON simple ; vérifiez plutôt son JWS (le fichier .jws ou l’image contenant le badge).',
  'verify.format.ob2Other':
    'Ceci est un document Open Badges 2.0 de type {type}, pas une assertion : vérifiez le badge (l’assertion) qui y fait référence.',
  'verify.format.neither':
    'Le document JSON n’est ni une attestation Open Badges 3.0 ni une assertion Open Badges 2.0 / 1.x.',
  'verify.format.urlOnly': 'Le badge ne contient que l’URL {url} de son assertion hébergée.',
  'verify.format.unverifiable': 'Le badge n’a pas pu être vérifié.',
  'verify.format.jwtNoCredential': 'Le JWT ne contient pas d’attestation.',
  'verify.format.ob3Jwt': 'Attestation Open Badges 3.0 (VCDM {vcdm}, VC-JWT).',
  'verify.format.ob3Embedded': 'Attestation Open Badges 3.0 (VCDM {vcdm}, preuve intégrée).',
  'verify.format.ob3Unsigned':
    'Attestation Open Badges 3.0 (VCDM {vcdm}, sans preuve : non signée).',
  'verify.format.ob2Hosted': 'Assertion Open Badges 2.0, vérification hébergée.',
  'verify.format.ob2Signed': 'Assertion Open Badges 2.0, vérification signée (JWS).',
  'verify.format.ob1':
    'Ancienne assertion Open Badges 1.x : seuls sa copie hébergée, ses dates et son titulaire peuvent être vérifiés.',
  'verify.schema.missing': 'Il manque à l’attestation des propriétés obligatoires : {properties}.',
  'verify.schema.legacy':
    'Ancien modèle VCDM 1.1 ({type}) : accepté sans les règles du schéma OB 3.0 (VCDM 2.0) ; demandez à l’émetteur de la délivrer à nouveau en VCDM 2.0.',
  'verify.schema.invalid': 'L’attestation ({type}) ne suit pas le schéma Open Badges 3.0.',
  'verify.schema.ob3': 'L’attestation ({type}) suit le schéma Open Badges 3.0.',
  'verify.schema.revokedAssertion': 'Une assertion révoquée : seuls id et revoked sont exigés.',
  'verify.schema.ob2Missing':
    'Il manque à l’assertion Open Badges 2.0 des propriétés obligatoires : {properties}.',
  'verify.schema.ob2': 'L’assertion a toutes les propriétés exigées par Open Badges 2.0.',
  'verify.subject.missing': 'L’attestation n’a pas d’objet credentialSubject.',
  'verify.subject.id': 'Le titulaire est identifié par {id}.',
  'verify.subject.identifier': 'Le titulaire est identifié par {kinds}.',
  'verify.subject.identifierHashed': 'Le titulaire est identifié par {kinds} (haché).',
  'verify.subject.unidentified':
    'L’attestation ne nomme pas de titulaire (ni id ni identifiant) : quiconque détient le fichier peut la présenter comme la sienne.',
  'verify.issuer.missing': 'L’attestation ne nomme pas d’émetteur.',
  'verify.issuer.named': 'L’attestation nomme l’émetteur {issuer}.',
  'verify.issuer.namedBareUrl':
    'L’attestation nomme l’émetteur {issuer}. Remarque : le validateur 1EdTech exige l’émetteur sous forme d’objet Profile intégré, pas d’une simple URL.',
  'verify.issuer.namedNoProfile':
    'L’attestation nomme l’émetteur {issuer}. Remarque : le validateur 1EdTech exige que le type de l’émetteur comprenne Profile.',
  'verify.issuer.ob2': 'Badge « {badge} » délivré par {issuer}.',
  'verify.issuer.ob2Incomplete':
    'La description du badge ou le profil de l’émetteur est incomplet.',
  'verify.proof.di': 'La preuve {suite} se vérifie avec la clé {key}.',
  'verify.proof.notVerified': 'La preuve ne se vérifie pas.',
  'verify.proof.rs256': 'La signature RS256 se vérifie avec la clé {key}.',
  'verify.proof.changed':
    'La signature ne se vérifie pas avec la clé {key} : le badge a été modifié après sa signature ou signé avec une autre clé.',
  'verify.proof.jwt': 'La signature JWT ({alg}) se vérifie avec la clé {key}.',
  'verify.proof.jwtHeader': 'La signature JWT ({alg}) se vérifie avec la clé de l’en-tête du JWT.',
  'verify.proof.jwtChanged':
    'La signature JWT ne se vérifie pas avec la clé {key} : le badge a été modifié après sa signature ou signé avec une autre clé.',
  'verify.proof.jwtHeaderChanged':
    'La signature JWT ne se vérifie pas avec la clé de l’en-tête du JWT : le badge a été modifié après sa signature ou signé avec une autre clé.',
  'verify.proof.jwtKeyUnavailable':
    'La clé {key} nommée par le JWT n’est pas disponible hors ligne. Badgesmith ne télécharge jamais rien : fournissez-en une copie avec --site DOSSIER, --resolve PREFIXE_URL=DOSSIER ou --did-document FICHIER.',
  'verify.proof.didUnresolved':
    'Le document DID de la clé {key} n’est pas disponible hors ligne. Badgesmith ne télécharge jamais rien : fournissez-en une copie avec --site DOSSIER, --resolve PREFIXE_URL=DOSSIER ou --did-document FICHIER.',
  'verify.proof.keyNotInDid': 'Le document DID ne liste pas la clé {key}.',
  'verify.issuerKey.proofFailed':
    'La clé de signature ne peut pas être reliée à l’émetteur car la preuve faite avec elle ne se vérifie pas.',
  'verify.issuerKey.signatureFailed':
    'La clé de signature ne peut pas être reliée à l’émetteur car la signature faite avec elle ne se vérifie pas.',
  'verify.issuerKey.noIssuer':
    'L’attestation ne nomme pas d’émetteur, aucune clé ne peut donc lui être reliée.',
  'verify.issuerKey.foreign':
    'La clé n’est pas celle de l’émetteur : la clé {key} appartient à {owner}, pas à l’émetteur {issuer}.',
  'verify.issuerKey.notListed':
    'La clé n’est pas celle de l’émetteur : {documents} ne liste pas la clé {key} pour les assertions.',
  'verify.issuerKey.notListedHeader':
    'La clé n’est pas celle de l’émetteur : {documents} ne liste pas la clé de l’en-tête du JWT pour les assertions.',
  'verify.issuerKey.unconfirmed':
    'Rien ne montre que l’émetteur {issuer} détient la clé {key} : ses propres documents ne sont pas disponibles, et une signature seule ne prouve rien sur son auteur. Badgesmith ne télécharge jamais rien : fournissez-en une copie avec --site DOSSIER, --resolve PREFIXE_URL=DOSSIER ou --did-document FICHIER.',
  'verify.issuerKey.unconfirmedHeader':
    'Rien ne montre que l’émetteur {issuer} détient la clé de l’en-tête du JWT : ses propres documents ne sont pas disponibles, et une signature seule ne prouve rien sur son auteur. Badgesmith ne télécharge jamais rien : fournissez-en une copie avec --site DOSSIER, --resolve PREFIXE_URL=DOSSIER ou --did-document FICHIER.',
  'verify.issuerKey.bound':
    'La clé de signature est celle de l’émetteur : son document liste {method} pour les assertions.',
  'verify.issuerKey.boundVia':
    'La clé de signature est celle de l’émetteur : le document {document} liste {method} pour les assertions.',
  'verify.key.published': 'La clé de signature {key} est publiée par l’émetteur {issuer}.',
  'verify.key.notListed':
    'Le profil de l’émetteur {issuer} ne liste pas la clé {key} dans sa propriété publicKey.',
  'verify.key.otherOwner': 'La clé {key} appartient à {owner}, pas à l’émetteur {issuer}.',
  'verify.dates.invalid': '{name} {value} n’est pas une date-heure valide.',
  'verify.dates.notYet':
    'Ce badge n’est pas encore valide : {name} vaut {from}, après l’heure actuelle {now}.',
  'verify.dates.expired': 'Ce badge a expiré le {until} ({name}).',
  'verify.dates.window': 'Valide du {from} au {until}.',
  'verify.dates.until': 'Valide jusqu’au {until}.',
  'verify.dates.from': 'Valide à partir du {from} ; il n’expire pas.',
  'verify.dates.none': 'Le badge n’a pas de dates de validité.',
  'verify.revoked': 'Ce badge a été révoqué par son émetteur.',
  'verify.revokedReason': 'Ce badge a été révoqué par son émetteur. Motif : {reason}',
  'verify.revokedList': 'Ce badge a été révoqué par son émetteur (liste de révocation {url}).',
  'verify.revokedListReason':
    'Ce badge a été révoqué par son émetteur (liste de révocation {url}). Motif : {reason}',
  'verify.suspended': 'Ce badge est actuellement suspendu par son émetteur.',
  'verify.status.notRevoked':
    'La liste de statut de l’émetteur indique que ce badge n’est pas révoqué.',
  'verify.status.notSuspended':
    'La liste de statut de l’émetteur indique que ce badge n’est pas suspendu.',
  'verify.status.unsupported':
    'La méthode de statut {type} n’est pas prise en charge, la révocation n’a donc pas pu être vérifiée.',
  'verify.status.unavailable':
    'La liste de statut {url} n’est pas disponible hors ligne : on ne sait donc pas si l’émetteur a révoqué ce badge. Badgesmith ne télécharge jamais rien : fournissez-en une copie avec --site DOSSIER, --resolve PREFIXE_URL=DOSSIER ou --did-document FICHIER.',
  'verify.status.untrusted': 'La liste de statut {url} n’est pas fiable.',
  'verify.status.revocationListClear':
    'La liste de révocation de l’émetteur ne mentionne pas ce badge.',
  'verify.revocation.notMarked': 'L’assertion n’est pas marquée comme révoquée.',
  'verify.revocation.notMarkedNoList':
    'L’assertion n’est pas marquée comme révoquée et son émetteur ne publie pas de liste de révocation.',
  'verify.revocation.listClear':
    'La liste de révocation {url} de l’émetteur ne mentionne pas ce badge.',
  'verify.endorsements.one': 'La recommandation se vérifie.',
  'verify.endorsements.all': 'Les {count} recommandations se vérifient.',
  'verify.endorsements.failed': 'Recommandations qui ne se vérifient pas : {failed} sur {total}.',
  'verify.recipient.match': 'Le badge a été délivré à {email}.',
  'verify.recipient.mismatch':
    'Ce badge n’a pas été délivré à {email} : l’identité du titulaire dans le badge ne correspond pas à cette adresse.',
  'verify.recipient.none': 'L’assertion n’a pas d’identité de titulaire à comparer.',
  'verify.recipient.notEmail':
    'Le titulaire est identifié par {type}, pas par une adresse électronique.',
  'verify.hosted.matches': 'L’assertion correspond à sa copie hébergée à {url}.',
  'verify.hosted.differs':
    'La copie hébergée à {url} a été vérifiée ; elle diffère de la copie donnée, et c’est la copie hébergée qui fait foi.',
  'verify.hosted.badgeMatches': 'Le badge correspond à sa copie hébergée à {url}.',
  'verify.hosted.badgeDiffers': 'Le badge diffère de sa copie hébergée à {url}.',
  'verify.origin.notHttp':
    'L’identifiant de l’émetteur {issuer} n’est pas une URL http(s), le périmètre d’hébergement n’a donc pas été vérifié.',
  'verify.origin.scope': 'L’assertion est hébergée dans le périmètre de l’émetteur ({hosts}).',
  'verify.origin.scopeAny': 'L’assertion est hébergée dans le périmètre de l’émetteur.',
  'verify.origin.keyHost':
    'La clé de signature et le profil de l’émetteur sont tous deux publiés sur {host}.',
  'verify.origin.keyHostMismatch':
    'La clé de signature est publiée sur {keyHost} mais le profil de l’émetteur sur {issuerHost}.',

  // ── Générique ──────────────────────────────────────────────────────────
  unknown:
    'Un problème est survenu ({code}). Voir le détail ci-dessus, ou lancez la commande avec --help.',
};
