/** The API diff: `restore-jobs diff OLD NEW`. */
export type { CompilerCheck, CompilerVerdict } from "./compiler/compiler-check.js";
export { compilerCheck } from "./compiler/compiler-check.js";
export { type DiffResult, diffDocuments } from "./diff-documents.js";
export { DocumentLoadError, loadDocument } from "./documents/load-document.js";
export { resolveDocument } from "./documents/resolve-document.js";
export { formatJson } from "./format/format-json.js";
export { formatMarkdown } from "./format/format-markdown.js";
export { formatText } from "./format/format-text.js";
export { type DiffOptions, type DiffReport, diffSources } from "./run-diff.js";
export { type Change, type Level, levels, severity } from "./types.js";
