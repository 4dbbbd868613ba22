/** A credential recognised by its shape alone, wherever it appears on a line. */
export interface TokenRule {
  readonly kind: string;
  readonly description: string;
  readonly envName: string;
  /** Global pattern; the secret is the whole match. */
  readonly pattern: RegExp;
  /** Text every match contains: a line without any of it is not searched (most lines, cheaply). */
  readonly hints: readonly string[];
}

/**
 * Credentials whose format gives them away: provider prefixes and fixed
 * lengths. Each pattern is linear (no nested quantifiers) so a hostile line
 * cannot make the scan slow.
 */
export const TOKEN_RULES: readonly TokenRule[] = [
  { kind: "github-token", description: "a GitHub token", envName: "GITHUB_TOKEN", pattern: /\bgh[pousr]_[A-Za-z0-9]{36,255}\b/g, hints: ["gh"] },
  { kind: "github-token", description: "a GitHub fine-grained token", envName: "GITHUB_TOKEN", pattern: /\bgithub_pat_[A-Za-z0-9_]{22,255}\b/g, hints: ["github_pat_"] },
  { kind: "aws-access-key-id", description: "an AWS access key id", envName: "AWS_ACCESS_KEY_ID", pattern: /\b(?:AKIA|ASIA|ABIA|ACCA)[A-Z0-9]{16}\b/g, hints: ["AKIA", "ASIA", "ABIA", "ACCA"] },
  { kind: "slack-token", description: "a Slack token", envName: "SLACK_TOKEN", pattern: /\bxox[abposr]-[A-Za-z0-9-]{10,250}/g, hints: ["xox"] },
  { kind: "slack-webhook", description: "a Slack webhook URL", envName: "SLACK_WEBHOOK_URL", pattern: /https:\/\/hooks\.slack\.com\/services\/[A-Za-z0-9/_-]{20,200}/g, hints: ["hooks.slack.com"] },
  { kind: "stripe-key", description: "a Stripe live key", envName: "STRIPE_SECRET_KEY", pattern: /\b[rs]k_live_[A-Za-z0-9]{16,247}\b/g, hints: ["k_live_"] },
  { kind: "google-api-key", description: "a Google API key", envName: "GOOGLE_API_KEY", pattern: /\bAIza[0-9A-Za-z_-]{35}(?![0-9A-Za-z_-])/g, hints: ["AIza"] },
  { kind: "npm-token", description: "an npm access token", envName: "NPM_TOKEN", pattern: /\bnpm_[A-Za-z0-9]{36}\b/g, hints: ["npm_"] },
  { kind: "anthropic-key", description: "an Anthropic API key", envName: "ANTHROPIC_API_KEY", pattern: /\bsk-ant-[A-Za-z0-9_-]{32,200}(?![A-Za-z0-9_-])/g, hints: ["sk-ant-"] },
  { kind: "openai-key", description: "an OpenAI API key", envName: "OPENAI_API_KEY", pattern: /\bsk-(?:proj-)?[A-Za-z0-9_-]{32,200}(?![A-Za-z0-9_-])/g, hints: ["sk-"] },
  { kind: "sendgrid-key", description: "a SendGrid API key", envName: "SENDGRID_API_KEY", pattern: /\bSG\.[A-Za-z0-9_-]{22}\.[A-Za-z0-9_-]{43}\b/g, hints: ["SG."] },
  { kind: "jwt", description: "a JSON Web Token", envName: "AUTH_TOKEN", pattern: /\beyJ[A-Za-z0-9_-]{10,2000}\.eyJ[A-Za-z0-9_-]{10,4000}\.[A-Za-z0-9_-]{10,2000}/g, hints: ["eyJ"] },
];
