/**
 * The HTTP drain (issue 14, class 1) on a real loopback server: a request that reached the
 * server is never reset by the shutdown, including one sent on a keep-alive socket between
 * requests just as the drain began (`server.close()` destroyed that socket at once), and a
 * connection that never sends anything does not hold the shutdown (`close()` left it open).
 */
import { createServer, type Server } from "node:http";
import { connect, type Socket } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { trackForDrain } from "../../src/index.ts";

let server: Server | undefined;
afterEach(() => {
  server?.closeAllConnections();
  server = undefined;
});

async function listening(handler: Parameters<typeof createServer>[1], lastCallMs: number) {
  const s = createServer(handler);
  server = s;
  const drain = trackForDrain(s, { lastCallMs });
  await new Promise<void>((resolve) => s.listen(0, "127.0.0.1", resolve));
  const address = s.address();
  const port = typeof address === "object" && address ? address.port : 0;
  return { s, drain, port };
}

/** Connects and resolves once the server has accepted the connection. */
async function accepted(s: Server, port: number): Promise<Socket> {
  const seen = new Promise((resolve) => s.once("connection", resolve));
  const socket = connect(port, "127.0.0.1");
  await Promise.all([seen, new Promise((resolve) => socket.once("connect", resolve))]);
  return socket;
}

/** Everything the server sends until it closes the connection, or the error that ended it. */
function reply(socket: Socket): Promise<string> {
  let text = "";
  socket.setEncoding("utf8");
  socket.on("data", (d: string) => {
    text += d;
  });
  return new Promise((resolve) => {
    socket.once("close", () => resolve(text));
    socket.once("error", (e: NodeJS.ErrnoException) => resolve(`error ${e.code}`));
  });
}

const closed = (s: Server) => new Promise<void>((resolve) => s.close(() => resolve()));

describe("draining an HTTP server", () => {
  it("answers a request that arrives on a connection accepted before the drain began, and closes it after", async () => {
    // A long last call: the request arrives well inside it, whatever the machine's speed.
    const { s, drain, port } = await listening((_req, res) => res.end("answered"), 30_000);
    const socket = await accepted(s, port);
    const answer = reply(socket);

    drain.begin();
    const done = closed(s);
    socket.write("POST /slack/events HTTP/1.1\r\nhost: x\r\ncontent-length: 0\r\n\r\n");

    const text = await answer;
    expect(text).toMatch(/^HTTP\/1\.1 200/);
    expect(text).toMatch(/connection: close/i);
    expect(text).toMatch(/answered$/);
    await done;
  });

  it("answers a request sent on a keep-alive socket just as the drain began, instead of resetting it", async () => {
    const { s, drain, port } = await listening((_req, res) => res.end("answered"), 30_000);
    const socket = await accepted(s, port);
    const first = new Promise<string>((resolve) => {
      socket.setEncoding("utf8");
      socket.once("data", (d: string) => resolve(d));
    });
    socket.write("GET /one HTTP/1.1\r\nhost: x\r\n\r\n");
    expect(await first).toMatch(/keep-alive/i);

    drain.begin();
    const done = closed(s);
    const answer = reply(socket);
    socket.write("GET /two HTTP/1.1\r\nhost: x\r\n\r\n");
    const text = await answer;
    expect(text).toMatch(/^HTTP\/1\.1 200/);
    expect(text).toMatch(/connection: close/i);
    await done;
  });

  it("refuses new connections at once once closed", async () => {
    const { s, drain, port } = await listening((_req, res) => res.end("answered"), 30_000);
    drain.begin();
    const done = closed(s);
    const error = await new Promise<string | undefined>((resolve) => {
      const socket = connect(port, "127.0.0.1");
      socket.once("connect", () => resolve(undefined));
      socket.once("error", (e: NodeJS.ErrnoException) => resolve(e.code));
    });
    expect(error).toBe("ECONNREFUSED");
    await done;
  });

  it("closes a connection that sends nothing once its last call is over, so close() completes", async () => {
    const { s, drain, port } = await listening((_req, res) => res.end("answered"), 50);
    const socket = await accepted(s, port);
    const answer = reply(socket);
    drain.begin();
    await closed(s);
    expect(await answer).toBe("");
  });

  it("lets a response being worked on finish with Connection: close, and a keep-alive socket that already answered one close after its last call", async () => {
    let release = () => {};
    const { s, drain, port } = await listening((req, res) => {
      if (req.url === "/slow") release = () => res.end("slow answered");
      else res.end("quick answered");
    }, 50);
    const keepAlive = await accepted(s, port);
    const first = new Promise<string>((resolve) => {
      keepAlive.setEncoding("utf8");
      keepAlive.once("data", (d: string) => resolve(d));
    });
    keepAlive.write("GET /quick HTTP/1.1\r\nhost: x\r\n\r\n");
    expect(await first).toMatch(/keep-alive/i);
    const keepAliveClosed = new Promise((resolve) => keepAlive.once("close", resolve));

    const slow = await accepted(s, port);
    const slowAnswer = reply(slow);
    const arrived = new Promise((resolve) => s.once("request", resolve));
    slow.write("GET /slow HTTP/1.1\r\nhost: x\r\n\r\n");
    await arrived;

    drain.begin();
    const done = closed(s);
    await keepAliveClosed;
    release();
    const text = await slowAnswer;
    expect(text).toMatch(/connection: close/i);
    expect(text).toMatch(/slow answered$/);
    await done;
  });
});
