import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseDeployStage } from '../../infra/stacks/deploy-stage.ts';
import { projectRoot } from './synth-app.ts';

describe('stage selection', () => {
  it('defaults to dev and accepts dev and prod', () => {
    // Act + Assess
    expect(parseDeployStage(undefined)).toBe('dev');
    expect(parseDeployStage('dev')).toBe('dev');
    expect(parseDeployStage('prod')).toBe('prod');
  });

  it.each(['local', 'staging', 'Prod', '', 42])('rejects %j', (stage) => {
    // Act + Assess
    expect(() => parseDeployStage(stage)).toThrow(/Unknown stage .*-c stage=dev or -c stage=prod/);
  });

  it('makes `cdk synth` fail with a clear message on an unknown stage', () => {
    // Prepare
    const outdir = mkdtempSync(path.join(tmpdir(), 'cdk-out-'));

    try {
      // Act
      const result = spawnSync(
        path.join(projectRoot, 'node_modules/.bin/cdk'),
        ['synth', '--quiet', '--no-notices', '-c', 'stage=staging', '-o', outdir],
        { cwd: projectRoot, encoding: 'utf8', timeout: 60_000 },
      );

      // Assess
      expect(result.status).not.toBe(0);
      expect(result.stderr).toContain('Unknown stage "staging"');
    } finally {
      rmSync(outdir, { recursive: true, force: true });
    }
  });
});
