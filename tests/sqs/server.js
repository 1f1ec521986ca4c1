// Starts local-aws-sqs on 127.0.0.1 at the port given as the first argument.
const { createSqsServer } = require("local-aws-sqs");

createSqsServer({ port: Number(process.argv[2]), hostname: "127.0.0.1", emulateQueueCreationLifecycle: false })
  .then(() => console.log("listening"))
  .catch((error) => { console.error(error); process.exit(1); });
