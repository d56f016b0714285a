/** The API diff: `restore-jobs diff OLD NEW`. */
export type { CompilerCheck, CompilerVerdict } from "./compiler-check.js";
export { compilerCheck } from "./compiler-check.js";
export { type DiffResult, diffDocuments } from "./diff-documents.js";
export { formatJson } from "./format-json.js";
export { formatMarkdown } from "./format-markdown.js";
export { formatText } from "./format-text.js";
export { DocumentLoadError, loadDocument } from "./load-document.js";
export { resolveDocument } from "./resolve-document.js";
export { type DiffOptions, type DiffReport, diffSources } from "./run-diff.js";
export { type Change, type Level, levels, severity } from "./types.js";
