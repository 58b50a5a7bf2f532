// The JSON Schemas in schemas/ and the TypeScript types in src/domain/types.ts must agree.
// Type side: the key tables below are typed `Record<keyof T, true>`, so tsc fails when a field is
// added to or removed from a type without updating them. Runtime side: the tables must equal the
// schema's properties, required lists and enums.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  CLAIM_MEASURES,
  ORDER_KINDS,
  PROHIBITIONS,
  REQUIREMENTS,
  SEXES,
  type Claim,
  type ExtractedDocument,
  type ExtractedOrder,
  type Order,
  type KnownFrontMatter,
} from '../src/domain/types.ts';
import { FORCES } from '../src/domain/forces.ts';
import { extractedDocumentSchema, frontMatterSchema, validateExtractedDocument, validateFrontMatter } from '../src/domain/validate.ts';
import { CORPUS } from './helpers/paths.ts';

const DOCUMENT_KEYS: Record<keyof ExtractedDocument, true> = { id: true, is_spo: true, force: true, published: true, orders: true, claims: true };
// claims is the one optional field: the seeds' and dev's gold files carry none.
const OPTIONAL_DOCUMENT_KEYS = ['claims'];
const CLAIM_KEYS: Record<keyof Claim, true> = { force: true, measure: true, count: true, as_of: true };
const ORDER_KEYS: Record<keyof ExtractedOrder, true> = {
  age: true, sex: true, town: true, court: true, kind: true, made_on: true, duration: true, prohibitions: true, requirements: true,
  confidence: true, needs_review: true,
};
// Extraction's judgement of an order, beside the contract's nine fields: optional (gold files carry none).
const OPTIONAL_ORDER_KEYS = ['confidence', 'needs_review'];
const FRONT_MATTER_KEYS: Record<keyof KnownFrontMatter, true> = {
  title: true, url: true, force: true, area: true, published: true, published_at: true, publish: true, og: true, archived: true, archived_at: true,
};

type Schema = { properties: Record<string, Schema>; required?: string[]; enum?: unknown[]; items?: Schema; definitions?: Record<string, Schema> };
const doc = extractedDocumentSchema as unknown as Schema;
const order = doc.definitions!.order!;

describe('schemas agree with the TypeScript types', () => {
  it('extracted document: same fields, all required but claims', () => {
    expect(Object.keys(doc.properties).sort()).toEqual(Object.keys(DOCUMENT_KEYS).sort());
    expect([...doc.required!].sort()).toEqual(Object.keys(DOCUMENT_KEYS).filter((k) => !OPTIONAL_DOCUMENT_KEYS.includes(k)).sort());
  });

  it('claim: same fields, the measures are the typed list, as_of optional', () => {
    const claim = doc.definitions!.claim!;
    expect(Object.keys(claim.properties).sort()).toEqual(Object.keys(CLAIM_KEYS).sort());
    expect([...claim.required!].sort()).toEqual(['count', 'force', 'measure']);
    expect(claim.properties.measure!.enum).toEqual([...CLAIM_MEASURES]);
    expect(claim.properties.force!.enum).toEqual(doc.properties.force!.enum);
  });

  it('order: same fields, all but the confidence ones required', () => {
    expect(Object.keys(order.properties).sort()).toEqual(Object.keys(ORDER_KEYS).sort());
    expect([...order.required!].sort()).toEqual(Object.keys(ORDER_KEYS).filter((k) => !OPTIONAL_ORDER_KEYS.includes(k)).sort());
  });

  it('closed vocabularies are the same lists', () => {
    expect(order.properties.prohibitions!.items!.enum).toEqual([...PROHIBITIONS]);
    expect(order.properties.requirements!.items!.enum).toEqual([...REQUIREMENTS]);
    expect(order.properties.sex!.enum!.filter((v) => v !== null)).toEqual([...SEXES]);
    expect(order.properties.kind!.enum!.filter((v) => v !== null)).toEqual([...ORDER_KINDS]);
  });

  it('force names are the lexicon official names', () => {
    const names = doc.properties.force!.enum!.filter((v) => v !== null);
    expect([...names].sort()).toEqual(FORCES.map((f) => f.name).sort());
    expect(FORCES).toHaveLength(44);
  });

  it('front matter: the named fields are the typed ones', () => {
    expect(Object.keys((frontMatterSchema as unknown as Schema).properties).sort()).toEqual(Object.keys(FRONT_MATTER_KEYS).sort());
  });

  it('the vocabulary and force list match LABELING.md', () => {
    const labeling = readFileSync(join(CORPUS, 'LABELING.md'), 'utf8');
    for (const term of [...PROHIBITIONS, ...REQUIREMENTS]) expect(labeling).toContain(`\`${term}\``);
    for (const f of FORCES) expect(labeling.replace(/\s+/g, ' ')).toContain(f.name);
  });

  it('the hand-made gold files validate against the schema', () => {
    for (const set of ['seeds', 'dev']) {
      const gold = JSON.parse(readFileSync(join(CORPUS, `${set}.gold.json`), 'utf8')) as unknown[];
      for (const g of gold) expect(validateExtractedDocument(g)).toBeNull();
    }
  });

  it('rejects values outside the contract', () => {
    const good: ExtractedDocument = { id: 'x', is_spo: true, force: 'Kent Police', published: '2020-02-27', orders: [] };
    expect(validateExtractedDocument(good)).toBeNull();
    expect(validateExtractedDocument({ ...good, force: 'Kent Constabulary' })).toMatch(/force/);
    expect(validateExtractedDocument({ ...good, published: '27/02/2020' })).toMatch(/published/);
    const o: Order = { age: 54, sex: 'male', town: null, court: null, kind: null, made_on: '2020-02', duration: 'P5Y', prohibitions: ['contact'], requirements: [] };
    expect(validateExtractedDocument({ ...good, orders: [o] })).toBeNull();
    expect(validateExtractedDocument({ ...good, orders: [{ ...o, prohibitions: ['stalking'] }] })).toMatch(/prohibitions/);
    expect(validateExtractedDocument({ ...good, orders: [{ ...o, duration: '5 years' }] })).toMatch(/duration/);
    expect(validateExtractedDocument({ ...good, orders: [{ ...o, extra: 1 }] })).toMatch(/additional/);
    expect(validateFrontMatter({ title: 'x', og: { title: 3 } })).toMatch(/og\/title/);
  });
});
