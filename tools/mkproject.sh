#!/usr/bin/env bash
# Scaffolds the per-project config files of an Nx project: tools/mkproject.sh <dir> <name> <tags,comma,separated> [library|application]
set -euo pipefail
dir=$1 name=$2 tags=$3 type=${4:-library}
up=$(realpath --relative-to="$dir" .)
mkdir -p "$dir/src"
tag_json=$(printf '"%s",' ${tags//,/ }); tag_json="[${tag_json%,}]"
cat > "$dir/project.json" <<JSON
{
  "name": "$name",
  "\$schema": "$up/node_modules/nx/schemas/project-schema.json",
  "sourceRoot": "$dir/src",
  "projectType": "$type",
  "tags": $tag_json,
  "targets": {
    "build": {},
    "typecheck": {},
    "lint": {},
    "test": {}
  }
}
JSON
cat > "$dir/tsconfig.json" <<JSON
{
  "extends": "$up/tsconfig.base.json",
  "include": ["src/**/*.ts"]
}
JSON
cat > "$dir/tsconfig.lib.json" <<JSON
{
  "extends": "./tsconfig.json",
  "compilerOptions": { "outDir": "$up/dist/out-tsc/$dir", "rootDir": "$up", "noEmit": false },
  "exclude": ["src/**/*.spec.ts"]
}
JSON
cat > "$dir/jest.config.js" <<JS
module.exports = { ...require('$up/jest.preset.js'), displayName: '$name', rootDir: __dirname };
JS
npx prettier --write "$dir/project.json" "$dir/tsconfig.json" "$dir/tsconfig.lib.json" "$dir/jest.config.js" >/dev/null
