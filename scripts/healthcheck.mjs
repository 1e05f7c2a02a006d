/**
 * The container's HEALTHCHECK (see Dockerfile): GET /healthz where `npm start` serves it, exit 0
 * on 200 and 1 otherwise. The port follows README "Health and metrics": Slack over HTTP serves it
 * on PORT (default 3000), every other mode on HEALTH_PORT (default 9090). Node, not curl: the slim
 * image has no curl.
 */
const env = process.env;
const slackOverHttp = !!env.SLACK_BOT_TOKEN && !env.SLACK_APP_TOKEN;
const port = slackOverHttp ? env.PORT || "3000" : env.HEALTH_PORT || "9090";
if (!/^\d+$/.test(port) || port === "0") {
  process.stderr.write(`no fixed health port to check (HEALTH_PORT=${port})\n`);
  process.exit(1);
}
try {
  const res = await fetch(`http://127.0.0.1:${port}/healthz`, {
    signal: AbortSignal.timeout(4000),
  });
  process.exit(res.status === 200 ? 0 : 1);
} catch (error) {
  process.stderr.write(
    `/healthz on port ${port}: ${error instanceof Error ? error.message : error}\n`,
  );
  process.exit(1);
}
