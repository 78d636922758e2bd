// PyYAML, the YAML 1.1 loader dbt reads its files with (installed by scripts/setup-pyyaml.sh).
import { spawnSync } from 'node:child_process';

const PYTHONS = ['python3', '/usr/bin/python3'];

/** A python3 that imports yaml, or undefined. */
export function pythonWithYaml(): string | undefined {
  return PYTHONS.find((py) => spawnSync(py, ['-c', 'import yaml'], { stdio: 'ignore' }).status === 0);
}

/**
 * Each text loaded with PyYAML's safe_load, as JSON data; a text it refuses gives
 * `{ error: message }`. Throws when no PyYAML is installed.
 */
export function loadWithPyYaml(texts: readonly string[]): unknown[] {
  const py = pythonWithYaml();
  if (!py) throw new Error('no python3 with PyYAML (the YAML 1.1 loader dbt uses): run scripts/setup-pyyaml.sh');
  const script = [
    'import json, sys, yaml',
    'out = []',
    'for t in json.load(sys.stdin):',
    '    try: out.append({"data": yaml.safe_load(t)})',
    '    except yaml.YAMLError as e: out.append({"error": str(e)})',
    'json.dump(out, sys.stdout)',
  ].join('\n');
  const r = spawnSync(py, ['-c', script], { input: JSON.stringify(texts), encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
  if (r.status !== 0) throw new Error(`PyYAML run failed: ${r.stderr}`);
  return (JSON.parse(r.stdout) as { data?: unknown; error?: string }[]).map((x) => ('error' in x ? { error: x.error } : x.data));
}
