/**
 * A hostile seeds folder: every fixture of tests/fixtures/hostile/, plus the
 * cases git cannot hold, built on the fly under `fly/`: symlinks (inside,
 * outside, broken, looping, to a directory, an image that links out), file
 * names with control characters, a newline, bidi overrides, invalid UTF-8 and
 * shell syntax, a FIFO, hidden files and folders, Eleventy templates, 5 MB
 * articles, an 11 MB file and oversized front matter.
 */
import { spawnSync } from "node:child_process";
import { cpSync, lstatSync, mkdirSync, readdirSync, readlinkSync, symlinkSync, writeFileSync } from "node:fs";
import path from "node:path";
import { deflateSync } from "node:zlib";
import { ROOT } from "../helpers/cli.ts";

export const FIXTURES = path.join(ROOT, "tests/fixtures/hostile");
/** Front matter that is code writes here if it ever runs. */
export const MARKER = "/tmp/newsroom-hostile-pwned";
export const SECRET = "SECRET-OUTSIDE-THE-SEEDS-FOLDER";
export const SECRET_IMAGE = "SECRET-IMAGE-OUTSIDE-THE-SEEDS-FOLDER";

/** A valid 2×2 PNG. */
export function tinyPng(): Buffer {
  const chunk = (type: string, data: Buffer) => {
    const body = Buffer.concat([Buffer.from(type), data]);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(body));
    const len = Buffer.alloc(4);
    len.writeUInt32BE(data.length);
    return Buffer.concat([len, body, crc]);
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(2, 0);
  ihdr.writeUInt32BE(2, 4);
  ihdr.set([8, 2, 0, 0, 0], 8);
  const raw = Buffer.from([0, 255, 0, 0, 0, 0, 255, 0, 0, 0, 255, 255, 255, 255]);
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk("IHDR", ihdr), chunk("IDAT", deflateSync(raw)), chunk("IEND", Buffer.alloc(0))]);
}

function crc32(buf: Buffer): number {
  let c = ~0;
  for (const b of buf) {
    c ^= b;
    for (let k = 0; k < 8; k++) c = c & 1 ? (c >>> 1) ^ 0xedb88320 : c >>> 1;
  }
  return ~c >>> 0;
}

const article = (title: string, extra = "", body = "The body.") => `---\ntitle: ${JSON.stringify(title)}\ndate: 2025-09-04\n${extra}---\n${body}\n`;

/** Names under `fly/` that cannot be committed, as Buffers (one is not UTF-8). */
export const ODD_NAMES: Array<[name: string | Buffer, title: string]> = [
  ["ansi-\x1b[31mred\x1b[0m.md", "ANSI escape in the file name"],
  ["new\nline.md", "Newline in the file name"],
  ["bidi-\u202egpj.md", "Right-to-left override in the file name"],
  ["tab\tname.md", "Tab in the file name"],
  ["-rf --no-preserve-root.md", "Option-like file name"],
  ["$(touch newsroom-pwned-name).md", "Shell syntax in the file name"],
  ["<script>alert(1)<%2Fscript>.md", "Markup in the file name"],
  ['quote" and \'single\'.md', "Quotes in the file name"],
  ["back\\slash.md", "Backslash in the file name"],
  [Buffer.from([0x6c, 0x61, 0x74, 0x69, 0x6e, 0x2d, 0xe9, 0x2e, 0x6d, 0x64]), "Latin-1 file name"],
];

export function makeHostileSeeds(root: string): { seeds: string; outside: string } {
  const seeds = path.join(root, "seeds");
  const outside = path.join(root, "outside");
  cpSync(FIXTURES, seeds, { recursive: true, filter: (src) => !src.endsWith(".expected.json") });
  mkdirSync(path.join(outside, "dir"), { recursive: true });
  writeFileSync(path.join(outside, "secret.md"), `---\ntitle: ${SECRET}\ndate: 2025-09-04\n---\n${SECRET}\n`);
  writeFileSync(path.join(outside, "dir/a.md"), `---\ntitle: ${SECRET}\ndate: 2025-09-04\n---\n${SECRET}\n`);
  writeFileSync(path.join(outside, "secret.jpg"), SECRET_IMAGE);

  const fly = path.join(seeds, "fly");
  mkdirSync(fly);
  const file = (name: string | Buffer, text: string | Buffer) =>
    writeFileSync(typeof name === "string" ? path.join(fly, name) : Buffer.concat([Buffer.from(`${fly}/`), name]), text);
  // Symlinks.
  symlinkSync("../dup-title-a.md", path.join(fly, "link-inside.md"));
  symlinkSync(path.join(outside, "secret.md"), path.join(fly, "link-outside.md"));
  symlinkSync("/etc/passwd", path.join(fly, "link-etc-passwd.md"));
  symlinkSync(path.join(root, "nowhere.md"), path.join(fly, "link-broken.md"));
  symlinkSync(path.join(outside, "dir"), path.join(fly, "link-dir-outside"));
  symlinkSync(".", path.join(fly, "link-loop"));
  symlinkSync(path.join(outside, "secret.jpg"), path.join(fly, "cover.jpg"));
  file("uses-linked-image.md", article("Image that links outside", "image: cover.jpg\n"));
  file("real.png", tinyPng());
  file("uses-real-image.md", article("Image inside the seeds folder", "image: real.png\nimage_alt: Three coloured pixels\n"));
  // Odd names.
  for (const [name, title] of ODD_NAMES) file(name, article(title));
  // Special and hidden files, templates.
  spawnSync("mkfifo", [path.join(fly, "fifo.md")]);
  mkdirSync(path.join(fly, ".git"));
  file(".git/config", "[core]\n");
  file(".hidden.md", article("Hidden file"));
  mkdirSync(path.join(fly, "node_modules/pkg"), { recursive: true });
  file("node_modules/pkg/readme.md", article("A package readme"));
  const code = `require("fs").writeFileSync(${JSON.stringify(MARKER)}, "template")`;
  file("evil.11ty.js", `${code};\nmodule.exports = () => "x";\n`);
  file("evil.11ty.ts", `import { writeFileSync } from "node:fs";\nwriteFileSync(${JSON.stringify(MARKER)}, "template");\nexport const render = () => "x";\n`);
  file(".eleventy.js", `${code};\n`);
  file("page.njk", `---js\n{ x: ${code} }\n---\n{{ x }}`);
  // Sizes.
  const paragraph = "The council met on Tuesday to discuss the budget, and members argued for hours about roads. ";
  file("big-5mb.md", article("A five-megabyte article", "", `${paragraph.repeat(40)}\n\n`.repeat(1400)));
  file("big-5mb-brackets.md", article("Five megabytes of brackets", "", "[".repeat(5 * 1024 * 1024)));
  file("too-big-11mb.md", Buffer.alloc(11 * 1024 * 1024, 0x61));
  file("front-matter-huge.md", `---\ntitle: Huge front matter\ndate: 2025-09-04\nnotes: "${"x".repeat(70 * 1024)}"\n---\nThe body.\n`);
  // Held back from the build.
  file("draft.md", article("A draft", "draft: true\n"));
  file("scheduled.md", `---\ntitle: Scheduled for later\ndate: 2031-01-01T09:00:00\n---\nNot yet.\n`);
  return { seeds, outside };
}

/**
 * What "nothing lost" expects in the report: every name under the folder,
 * symlinks as themselves, hidden folders and node_modules as one `dir/` entry.
 */
export function expectedReportFiles(seeds: string, rel = ""): string[] {
  const dir = path.join(seeds, rel);
  return readdirSync(dir, { encoding: "buffer" }).flatMap((raw) => {
    const name = new TextDecoder().decode(raw);
    const st = lstatSync(Buffer.concat([Buffer.from(`${dir}/`), raw]));
    if (st.isDirectory() && !st.isSymbolicLink()) {
      return name.startsWith(".") || name === "node_modules" ? [`${rel}${name}/`] : expectedReportFiles(seeds, `${rel}${name}/`);
    }
    return [`${rel}${name}`];
  });
}

/** Path, type, size, mtime and link target of everything under `dir`: to prove a build changed nothing there. */
export function snapshot(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: Buffer) => {
    for (const raw of readdirSync(d, { encoding: "buffer" })) {
      const p = Buffer.concat([d, Buffer.from("/"), raw]);
      const st = lstatSync(p);
      out.push(`${p.toString("latin1")} ${st.mode} ${st.size} ${st.mtimeMs}${st.isSymbolicLink() ? ` -> ${readlinkSync(p, "latin1")}` : ""}`);
      if (st.isDirectory()) walk(p);
    }
  };
  walk(Buffer.from(dir));
  return out.sort();
}
