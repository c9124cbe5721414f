export interface CliIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  env: NodeJS.ProcessEnv;
  cwd: string;
}

export const HELP = `badgesmith: design, sign, bake and verify Open Badges offline

Usage: badgesmith <command> [options]

Commands:
  sign      sign a credential with a private JWK (ob3-di, ob3-jwt, ob2-signed)
  bake      bake a credential into a PNG or SVG image
  unbake    print the credential baked into an image
  verify    verify a badge file offline (.json, .jws, baked .png/.svg)

Every command accepts --help and --json. Exit codes: 0 success, 1 negative result, 2 usage error.
`;

export async function runCli(argv: string[], io: CliIo): Promise<number> {
  if (argv.length === 0 || argv[0] === '--help' || argv[0] === '-h' || argv[0] === 'help') {
    io.stdout(HELP);
    return 0;
  }
  io.stderr(`ERR_USAGE_UNKNOWN_COMMAND: "${argv[0]}" is not a badgesmith command. Run \`badgesmith --help\` for the list.\n`);
  return 2;
}
