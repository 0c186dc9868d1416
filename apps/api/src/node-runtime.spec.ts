import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/** Node majors with upstream support (active or maintenance LTS) as of 2026: 20 reached its end of life in April. */
const MAINTAINED_LTS = [22, 24];

const root = join(__dirname, '../../..');
const read = (path: string) => readFileSync(join(root, path), 'utf8');
const engines: string = JSON.parse(read('package.json')).engines.node;

/** `engines` is kept to `^x.y.z` ranges joined by `||`, so it can be read without a semver library. */
function satisfies(version: string, range: string): boolean {
  const [major, minor, patch] = version.replace(/^v/, '').split('.').map(Number);
  return range.split('||').some((part) => {
    const [wanted, wantedMinor, wantedPatch] = part.trim().replace(/^\^/, '').split('.').map(Number);
    return major === wanted && (minor > wantedMinor || (minor === wantedMinor && patch >= wantedPatch));
  });
}

describe('the Node versions the project runs on', () => {
  const images = [...read('docker/Dockerfile').matchAll(/^FROM node:(\d+)[^\s]*/gm)].map((match) =>
    Number(match[1]),
  );

  it('builds and runs the Docker image on a maintained LTS', () => {
    expect(images.length).toBeGreaterThan(0);
    for (const major of images) expect(MAINTAINED_LTS).toContain(major);
  });

  it('declares engines as caret ranges that include the image and the machine the tests run on', () => {
    expect(engines).toMatch(/^\^\d+\.\d+\.\d+( \|\| \^\d+\.\d+\.\d+)*$/);
    for (const major of images) expect(satisfies(`${major}.99.0`, engines)).toBe(true);
    expect({ node: process.version, supported: satisfies(process.version, engines) }).toEqual({
      node: process.version,
      supported: true,
    });
    expect(satisfies('23.5.0', engines)).toBe(false);
    expect(satisfies('20.0.0', engines)).toBe(false);
  });

  it('says in the README which versions are supported and which one CI proves', () => {
    const setUp = read('README.md')
      .split(/^## Set up$/m)[1]
      .split(/^## /m)[0];
    for (const part of engines.split('||')) {
      const [major, minor] = part.trim().replace(/^\^/, '').split('.');
      expect(setUp).toContain(`${major}.${minor}+`);
    }
    expect(setUp).toContain(`CI runs the whole test suite on Node ${process.versions.node.split('.')[0]}`);
  });
});

describe('how production starts each process', () => {
  const scripts: Record<string, string> = JSON.parse(read('package.json')).scripts;
  const npmStart = (app: string) => scripts[`start:${app}`].replace(/^exec /, '').split(' ');
  const composeCommand = (service: string): string[] => {
    const found = read('docker/compose.yml').match(
      new RegExp(`^  ${service}:\\n(?:    .*\\n)*?    command: (\\[.*\\])$`, 'm'),
    );
    expect({ service, command: found?.[1] }).toEqual({ service, command: expect.any(String) });
    return JSON.parse(found![1].replace(/'/g, '"'));
  };
  const imageCommand: string[] = JSON.parse(read('docker/Dockerfile').match(/^CMD (\[.*\])$/m)![1]);

  it('runs the API with the same node flags in the image, in compose and with npm', () => {
    expect(npmStart('api')).toEqual(['node', expect.stringMatching(/^--/), 'dist/apps/api/src/main.js']);
    expect(imageCommand).toEqual(npmStart('api'));
    expect(composeCommand('api')).toEqual(npmStart('api'));
  });

  it('runs the worker with the same command in compose and with npm, its heap capped like the API’s', () => {
    expect(npmStart('worker')).toEqual(['node', npmStart('api')[1], 'dist/apps/worker/src/main.js']);
    expect(composeCommand('worker')).toEqual(npmStart('worker'));
  });
});
