// Every test file (jest's setupFiles): the environment the tests run in.
//
// The AWS SDK warns on Node 20 that later versions will need Node 22 (NodeVersionSupportWarning,
// eight lines on stderr per test process that makes a client). That warning is for the people
// who run the CLI, and they still see it; in `npm test` it is noise that looks like an error.
// Set here, for the tests only (children the tests start inherit it).
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';
