#!/usr/bin/env bash
# Runs the Dockerfile's steps without Docker, for machines with no engine:
# a fresh clone of the current branch, the build context as .dockerignore
# allows it, the build stage's commands, then the run stage's files started
# as an unprivileged user (nobody) with DATABASE_PATH in a private folder.
# Needs root (for the user switch). Keep it in step with the Dockerfile.
# Usage: deploy/image-steps.sh [WORKDIR]   then start the app as printed.
set -euo pipefail
REPO=$(git -C "$(dirname "$0")" rev-parse --show-toplevel)
BASE=${1:-/tmp/parasol-image}
rm -rf "$BASE" && mkdir -p "$BASE"
git clone -q -b "$(git -C "$REPO" branch --show-current)" "$REPO" "$BASE/clone"

echo "== build stage"
mkdir "$BASE/build"
(cd "$BASE/clone" && cp -r package.json package-lock.json tsconfig.json src locales lessons "$BASE/build/")
cd "$BASE/build"
npm ci --no-audit --no-fund
npm run lessons -- check
npm prune --omit=dev --no-audit --no-fund
for dev in typescript tdl prebuilt-tdlib playwright-core @types/node @types/better-sqlite3; do
  if [ -e "node_modules/$dev" ]; then echo "dev dependency $dev left after prune" >&2; exit 1; fi
done
node -e "require('better-sqlite3')(':memory:').prepare('select 1').get()"
echo "production node_modules: $(du -sh node_modules | cut -f1)"

echo "== run stage"
mkdir "$BASE/app"
cp -r package.json package-lock.json tsconfig.json node_modules src locales lessons "$BASE/app/"
mkdir -p "$BASE/data" && chown nobody "$BASE/data" && chmod 0700 "$BASE/data"
cat <<EOT
Start it as the image would (add BOT_TOKEN, or TELEGRAM_API_ROOT for a fake Bot API):
  cd $BASE/app && setpriv --reuid=nobody --regid=nogroup --clear-groups env -i PATH=$PATH \\
    NODE_ENV=production DATABASE_PATH=$BASE/data/parasol.sqlite LESSONS_DIR=$BASE/app/lessons \\
    HTTP_HOST=0.0.0.0 HTTP_PORT=8081 BOT_TOKEN=… node --import tsx src/main.ts
Health check, as the image's HEALTHCHECK:
  HTTP_PORT=8081 node -e "fetch('http://127.0.0.1:' + (process.env.HTTP_PORT || 8081) + '/healthz').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"
EOT
