/**
 * A tiny static file server, as a static host would serve the built site:
 * `/prefix/x/` → `x/index.html`, unknown paths → `404.html` with status 404.
 * For browser tests and screenshots only (127.0.0.1, read-only, never
 * outside the folder).
 */
import { createReadStream } from "node:fs";
import { stat } from "node:fs/promises";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";

const TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".json": "application/json; charset=utf-8",
  ".xml": "application/xml; charset=utf-8",
  ".txt": "text/plain; charset=utf-8",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".jpg": "image/jpeg",
  ".jpeg": "image/jpeg",
  ".webp": "image/webp",
  ".avif": "image/avif",
  ".gif": "image/gif",
  ".wasm": "application/wasm",
};

export interface StaticServer {
  /** Origin plus path prefix, e.g. http://127.0.0.1:41234/news/ */
  url: string;
  close(): Promise<void>;
}

type Found = { file: string } | { redirect: true } | undefined;

async function find(root: string, urlPath: string): Promise<Found> {
  const abs = path.resolve(root, `.${urlPath}`);
  if (abs !== root && !abs.startsWith(root + path.sep)) return undefined;
  const s = await stat(abs).catch(() => undefined);
  if (s?.isFile()) return { file: abs };
  if (!s?.isDirectory()) return undefined;
  // A folder without its slash: redirect as static hosts do, so relative URLs resolve.
  if (!urlPath.endsWith("/")) return { redirect: true };
  const index = path.join(abs, "index.html");
  return (await stat(index).catch(() => undefined))?.isFile() ? { file: index } : undefined;
}

export async function serveStatic(dir: string, pathPrefix = "/"): Promise<StaticServer> {
  const root = path.resolve(dir);
  const server: Server = createServer(async (req, res) => {
    let urlPath: string;
    try {
      urlPath = decodeURIComponent(new URL(req.url ?? "/", "http://localhost").pathname);
    } catch {
      res.writeHead(400).end();
      return;
    }
    const inside = urlPath.startsWith(pathPrefix) ? `/${urlPath.slice(pathPrefix.length)}` : undefined;
    const found = inside === undefined ? undefined : await find(root, inside);
    if (found && "redirect" in found) {
      res.writeHead(301, { location: `${urlPath}/` }).end();
      return;
    }
    const target = found?.file ?? path.join(root, "404.html");
    const size = (await stat(target).catch(() => undefined))?.size;
    if (size === undefined) {
      res.writeHead(404, { "content-type": "text/plain" }).end("not found");
      return;
    }
    res.writeHead(found ? 200 : 404, { "content-type": TYPES[path.extname(target)] ?? "application/octet-stream", "content-length": size, "cache-control": "no-store" });
    if (req.method === "HEAD") res.end();
    else createReadStream(target).pipe(res);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}${pathPrefix}`,
    close: () => new Promise<void>((resolve, reject) => server.close((e) => (e ? reject(e) : resolve()))),
  };
}
