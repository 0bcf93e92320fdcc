#!/usr/bin/env node
// Prints the command reference (Markdown) from the command table; with --write, updates README.md.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { commandReferenceMarkdown } from '../dist/commands/reference.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const md = commandReferenceMarkdown();
if (!process.argv.includes('--write')) { console.log(md); process.exit(0); }
const file = path.join(root, 'README.md');
const text = fs.readFileSync(file, 'utf8');
const re = /(<!-- commands:begin -->\n)[\s\S]*?(\n<!-- commands:end -->)/;
if (!re.test(text)) { console.error('README.md has no <!-- commands:begin/end --> markers'); process.exit(1); }
fs.writeFileSync(file, text.replace(re, `$1${md}$2`));
console.log('README.md command reference updated');
