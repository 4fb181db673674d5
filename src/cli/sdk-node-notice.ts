/**
 * On Node < 22 the AWS SDK prints a nine-line NodeVersionSupportWarning when it makes its first
 * client, wherever the CLI's output has got to. The CLI turns it off with the SDK's own switch (for
 * its own process only) and says the same in one line, before its output.
 */

/** The SDK's switch: "true" turns the warning off. */
const SDK_SWITCH = 'AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED';
/** The oldest Node that AWS SDK releases from January 2027 support. */
const SDK_MINIMUM_NODE = 22;

/**
 * Turns the SDK's warning off and returns the line to show instead: nothing on Node >= 22, nor when
 * the user turned warnings off (the SDK's switch, or NODE_NO_WARNINGS=1).
 */
export function takeSdkNodeNotice(
  env: NodeJS.ProcessEnv = process.env,
  nodeVersion: string = process.version,
): string | undefined {
  const quiet = env[SDK_SWITCH] === 'true' || env.NODE_NO_WARNINGS === '1';
  env[SDK_SWITCH] = 'true';
  const major = Number.parseInt(nodeVersion.replace(/^v/, ''), 10);
  if (quiet || major >= SDK_MINIMUM_NODE) return undefined;
  return (
    `appmesh-builder: note: Node ${major} has reached end of life; ` +
    `AWS SDK releases from January 2027 require Node ${SDK_MINIMUM_NODE} or later.\n`
  );
}
