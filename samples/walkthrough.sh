#!/usr/bin/env bash
# One application from intake to the issued result through the REST API, with curl only (no jq).
# The same calls as walkthrough.http. Usage: samples/walkthrough.sh [BASE_URL]   (default http://localhost:5080)
# Needs the demo users (the app started without --no-demo). Exits non-zero at the first unexpected answer.
#
#   1. agent1 registers a project (earlier approvals ZRZY-003, QX-001, ZJJ-001 in hand)
#   2. agent1 applies for stage 4, completion acceptance (竣工验收), with every material
#   3. the front desk reads the intake step (ETag) and accepts it (If-Match + Idempotency-Key)
#   4. the five participating departments give their joint-acceptance opinions (联合验收)
#   5. the lead department (zjj) consolidates: Passed -> the result is issued (统一窗口出件)
set -euo pipefail

BASE="${1:-http://localhost:5080}"
BASE="${BASE%/}"
STATUS=""
BODY=""

say() { printf '\n== %s\n' "$*"; }
fail() { printf 'walkthrough FAILED: %s\n' "$*" >&2; exit 1; }

# call METHOD PATH EXPECTED_STATUS [TOKEN] [JSON_BODY] [EXTRA_HEADER...]: sets STATUS and BODY.
call() {
  local method="$1" path="$2" expected="$3" token="${4:-}" body="${5:-}"
  shift 5 2>/dev/null || shift $#
  local args=(-sS -X "$method" "$BASE$path" -H "Accept: application/json" -w $'\n%{http_code}')
  [[ -n "$token" ]] && args+=(-H "Authorization: Bearer $token")
  [[ -n "$body" ]] && args+=(-H "Content-Type: application/json" --data "$body")
  local header
  for header in "$@"; do args+=(-H "$header"); done
  local out
  out="$(curl "${args[@]}")" || fail "$method $path: curl could not reach $BASE"
  STATUS="${out##*$'\n'}"
  BODY="${out%$'\n'*}"
  printf '%s %s -> %s\n' "$method" "$path" "$STATUS"
  [[ "$STATUS" == "$expected" ]] || fail "$method $path answered $STATUS, expected $expected: $BODY"
}

# field NAME [JSON]: the first string value of "NAME" in JSON (default: BODY).
field() {
  local json="${2:-$BODY}"
  printf '%s' "$json" | grep -o "\"$1\":\"[^\"]*\"" | head -n 1 | sed -e "s/^\"$1\":\"//" -e 's/"$//'
}

# open_step DEPARTMENT [KIND]: the id of the case's open step in DEPARTMENT's inbox (from BODY, a case).
open_step() {
  local open="${BODY#*\"openSteps\":[}"
  open="${open%%\],\"steps\":*}"
  printf '%s' "$open" | grep -o "\"id\":\"[^\"]*\"[^{}]*\"kind\":\"${2:-[A-Za-z]*}\",\"department\":\"$1\"" | head -n 1 \
    | sed -e 's/^"id":"//' -e 's/".*$//'
}

token() {
  call POST /api/auth/token 200 "" "{\"username\":\"$1\",\"password\":\"demo\"}" >&2
  field token
}

say "0. Is the app up?"
call GET /health 200 "" ""

say "Sign in (POST /api/auth/token) as agent1, frontdesk and the reviewers"
AGENT="$(token agent1)"
FRONTDESK="$(token frontdesk)"
declare -A REVIEWER
for dept in yjgl rf zrzy qx sw zjj; do REVIEWER[$dept]="$(token "reviewer-$dept")"; done

say "1. agent1 registers a project"
CODE="WALK-$(date +%s)-$RANDOM"
call POST /api/projects 201 "$AGENT" \
  "{\"code\":\"$CODE\",\"name\":\"Walkthrough office building\",\"enterprise\":\"Walkthrough Construction Co.\",\"kind\":\"EnterpriseInvested\",\"priorApprovals\":[\"ZRZY-003\",\"QX-001\",\"ZJJ-001\"]}"
PROJECT="$(field id)"
echo "project $PROJECT (code $CODE)"

say "2. agent1 applies for stage 4, completion acceptance, with every material"
call POST "/api/projects/$PROJECT/applications" 201 "$AGENT" \
  '{"stage":"CompletionAcceptance","materials":["APP","LIC","YJGL-002-REPORT","YJGL-002-TEST","RF-002-REPORT","ZRZY-004-SURVEY","QX-002-TEST","ZJJ-004-REPORT","ZJJ-004-ARCHIVE"]}'
CASE="$(field id)"
echo "case $CASE, state $(field state)"

say "3. the front desk reads the intake step and accepts it"
call GET "/api/cases/$CASE" 200 "$FRONTDESK" ""
INTAKE="$(open_step frontdesk Intake)"
[[ -n "$INTAKE" ]] || fail "no open intake step in case $CASE"
VERSION="$(curl -sS -o /dev/null -D - -H "Authorization: Bearer $FRONTDESK" "$BASE/api/steps/$INTAKE" | tr -d '\r' | grep -i '^etag:' | sed 's/^[Ee][Tt][Aa][Gg]: *//' || true)"
[[ -n "$VERSION" ]] || fail "GET /api/steps/$INTAKE answered no ETag"
echo "intake step $INTAKE, ETag $VERSION"
KEY="walkthrough-$CASE-intake"
call POST "/api/steps/$INTAKE/actions" 200 "$FRONTDESK" '{"outcome":"Accepted","opinion":"材料齐全，予以受理"}' "If-Match: $VERSION" "Idempotency-Key: $KEY"
echo "case state $(field caseState)"
echo "(the same request again, e.g. a retry after a lost answer, gets the same answer and acts once)"
call POST "/api/steps/$INTAKE/actions" 200 "$FRONTDESK" '{"outcome":"Accepted","opinion":"材料齐全，予以受理"}' "If-Match: $VERSION" "Idempotency-Key: $KEY"

say "4. the participating departments give their joint-acceptance opinions"
call GET "/api/cases/$CASE" 200 "$AGENT" ""
CASE_BODY="$BODY"
for dept in yjgl rf zrzy qx sw; do
  BODY="$CASE_BODY"
  STEP="$(open_step "$dept" JointOpinion)"
  [[ -n "$STEP" ]] || fail "no open opinion step for $dept in case $CASE"
  call POST "/api/steps/$STEP/actions" 200 "${REVIEWER[$dept]}" '{"outcome":"Agree","opinion":"同意"}'
  echo "reviewer-$dept agreed on step $STEP"
done

say "5. the lead department (zjj) consolidates: Passed"
BODY="$CASE_BODY"
LEAD="$(open_step zjj JointConsolidation)"
[[ -n "$LEAD" ]] || fail "no consolidation step for zjj in case $CASE"
call POST "/api/steps/$LEAD/actions" 200 "${REVIEWER[zjj]}" '{"outcome":"Passed","opinion":"联合验收合格"}'
echo "case state $(field caseState)"

say "6. agent1 sees the result"
call GET "/api/cases/$CASE" 200 "$AGENT" ""
STATE="$(field state)"
CERTIFICATE="$(field certificateNumber "${BODY#*\"result\":}")"
echo "case $CASE: state $STATE, certificate $CERTIFICATE"
[[ "$STATE" == "Issued" ]] || fail "the case is $STATE, not Issued"
[[ -n "$CERTIFICATE" ]] || fail "no certificate number"
say "walkthrough passed: from intake to the issued result"
