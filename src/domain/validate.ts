// Runtime validation against the JSON Schemas in schemas/ (ajv).
import { createRequire } from 'node:module';
import { projectPath } from './project.ts';
import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import type { ExtractedDocument, ReleaseFrontMatter } from './types.ts';

const require = createRequire(import.meta.url);
export const extractedDocumentSchema = require(projectPath('schemas/extracted-document.schema.json')) as Record<string, unknown>;
export const frontMatterSchema = require(projectPath('schemas/release-front-matter.schema.json')) as Record<string, unknown>;

const ajv = new Ajv({ allErrors: true, strict: false });
const checkDocument = ajv.compile(extractedDocumentSchema) as ValidateFunction<ExtractedDocument>;
const checkFrontMatter = ajv.compile(frontMatterSchema) as ValidateFunction<ReleaseFrontMatter>;

function describe(errors: ErrorObject[] | null | undefined): string {
  return (errors ?? [])
    .slice(0, 5)
    .map((e) => `${e.instancePath || '(root)'} ${e.message ?? 'is invalid'}`)
    .join('; ');
}

/** null when the value is a valid extracted document, else what is wrong. */
export function validateExtractedDocument(value: unknown): string | null {
  return checkDocument(value) ? null : describe(checkDocument.errors);
}

/** null when the value is valid front matter, else what is wrong. */
export function validateFrontMatter(value: unknown): string | null {
  return checkFrontMatter(value) ? null : describe(checkFrontMatter.errors);
}
