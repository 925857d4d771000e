# Sourced by .husky/pre-commit, commit-msg and post-commit (git runs them at the work tree's root),
# before the line `spark-guard install` added to each. This repository checks its commits with its
# own build: `spark-guard`, `spark-guard-pre-commit` and `spark-guard-commit-msg` on PATH are this
# checkout's bin/ (the links beside this file), which run dist/.
if [ "${SPARK_GUARD-}" != 0 ] && [ ! -f dist/cli.cjs ]; then
  echo "spark-guard: this repository checks each commit with its own build, and dist/ is not built." >&2
  echo "  Run \`npm run build\` (after a fresh clone, and after pulling changes to src/), then commit again." >&2
  echo "  To commit without any check: SPARK_GUARD=0 git commit ..." >&2
  exit 1
fi
PATH="$PWD/.husky/self:$PATH"
