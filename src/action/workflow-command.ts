/**
 * A GitHub Actions workflow command (`::error::message`), its data escaped
 * as the runner expects, so a message cannot end early or start another command.
 */
export function workflowCommand(command: "error" | "warning" | "notice", message: string): string {
  const data = message.replaceAll("%", "%25").replaceAll("\r", "%0D").replaceAll("\n", "%0A");
  return `::${command}::${data}\n`;
}
