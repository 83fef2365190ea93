/**
 * `npm run bench`: runs every benchmark section in turn and prints one table
 * per section. To add a section: export `async function benchX(): Promise<BenchSection>`
 * from `bench/x-bench.ts` and list it below.
 */
import { formatSection, type BenchSection } from './bench-report';
import { benchBoot } from './boot-bench';
import { benchCcem } from './ccem-bench';
import { benchSip } from './sip-bench';
import { benchTftp } from './tftp-bench';

const SECTIONS: readonly (readonly [string, () => Promise<BenchSection>])[] = [
  ['tftp', benchTftp],
  ['boot', benchBoot],
  ['ccem', benchCcem],
  ['sip', benchSip],
];

async function main(): Promise<void> {
  let failed = false;
  for (const [name, run] of SECTIONS) {
    try {
      process.stdout.write(`${formatSection(await run())}\n\n`);
    } catch (error) {
      failed = true;
      process.stdout.write(`## ${name}: failed: ${(error as Error).message}\n\n`);
    }
  }
  process.exit(failed ? 1 : 0);
}

void main();
