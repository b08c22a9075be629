/**
 * The rules Alexa enforces on a language model (facts §7), checked on the normalized model so that
 * every problem names its place in the file whatever the format: invocation name, intent and slot
 * names, sample characters and slot references, unknown or empty slot types, the same sample in two
 * intents, duplicate slot values, slots no sample uses, and the `dialog`/`prompts` cross-references.
 * Reports every problem at once.
 */
import type { Problem } from '../problems';
import { jsonPath } from '../problems';
import { invocationProblems } from './invocation';
import { isBuiltIn } from './interaction-model';
import type { ModelIntent, ModelType, NormalizedModel, PathParts } from './normalized-model';
import { normalizeSample, sampleProblems, slotReferences } from './samples';

type Add = (severity: Problem['severity'], rule: string, path: PathParts, message: string, fix?: string) => void;

function intentProblems(intent: ModelIntent, model: NormalizedModel, typeNames: ReadonlySet<string>, add: Add): void {
  if (isBuiltIn(intent.name)) {
    if (!/^AMAZON\.[A-Za-z]+$/.test(intent.name)) add('error', 'model/intent-name', [...intent.path, 'name'], `"${intent.name}" is not a built-in intent name.`, 'Built-in intents are named AMAZON.<Name>, e.g. AMAZON.HelpIntent.');
  } else if (!/^[A-Za-z_]+$/.test(intent.name)) {
    add('error', 'model/intent-name', [...intent.path, 'name'], `Intent name "${intent.name}" may only contain letters and underscores.`, 'Rename the intent (and its handler), e.g. BuySkillItemIntent.');
  } else if (intent.samples.length === 0 && intent.origin === 'model') {
    add('warning', 'model/intent-no-samples', intent.path, `${intent.name} has no phrases: users cannot reach it by voice.`, 'Add phrases users would say.');
  }
  const slotNames = intent.slots.map((slot) => slot.name);
  const seenSlots = new Set<string>();
  for (const slot of intent.slots) {
    if (seenSlots.has(slot.name)) add('error', 'model/slot-duplicate', [...slot.path, 'name'], `${intent.name} declares the slot "${slot.name}" twice.`, 'Remove one of them.');
    seenSlots.add(slot.name);
    if (!/^[A-Za-z][A-Za-z0-9_]*$/.test(slot.name)) {
      add('error', 'model/slot-name', [...slot.path, 'name'], `Slot name "${slot.name}" must start with a letter and hold only letters, digits and underscores.`, 'Rename the slot and its {references}.');
    }
    if (slot.type !== undefined && !isBuiltIn(slot.type) && !typeNames.has(slot.type)) {
      add('error', 'model/type-unknown', slot.typePath, `Slot "${slot.name}" of ${intent.name} has the type "${slot.type}", which the model does not declare and which is no AMAZON.* built-in type.`,
        `Declare "${slot.type}" in ${model.format === 'jovo-v4' ? 'entityTypes' : 'inputTypes'}, or use a built-in type such as { "alexa": "AMAZON.NUMBER" }.`);
    }
    slot.samples.forEach((sample) => sampleProblems(sample.text, slotNames, intent.name, model.file, sample.path, 'slot sample').forEach((p) => add(p.severity, p.rule ?? 'sample', sample.path, p.message, p.fix)));
  }
  const used = new Set<string>();
  const seenSamples = new Map<string, number>();
  intent.samples.forEach((sample, index) => {
    sampleProblems(sample.text, slotNames, intent.name, model.file, sample.path).forEach((p) => add(p.severity, p.rule ?? 'sample', sample.path, p.message, p.fix));
    slotReferences(sample.text).forEach((reference) => used.add(reference));
    const normalized = normalizeSample(sample.text, model.locale);
    const first = seenSamples.get(normalized);
    if (first !== undefined) add('warning', 'sample/duplicate', sample.path, `"${sample.text}" appears twice in ${intent.name}.`, `Remove it (it repeats ${jsonPath(...(intent.samples[first]?.path ?? []))}).`);
    else seenSamples.set(normalized, index);
  });
  for (const slot of intent.slots) {
    if (!used.has(slot.name) && intent.samples.length > 0) {
      add('warning', 'model/slot-unused', slot.path, `No phrase of ${intent.name} uses the slot {${slot.name}}, so Alexa can fill it only by asking for it.`, `Add a phrase with {${slot.name}}, or remove the slot.`);
    }
  }
}

function typeProblems(type: ModelType, model: NormalizedModel, used: ReadonlySet<string>, add: Add): void {
  if (type.origin === 'model' && !/^[A-Za-z_][A-Za-z0-9_.]*$/.test(type.name)) {
    add('error', 'model/type-name', [...type.path], `Slot type name "${type.name}" may hold only letters, digits, underscores and periods.`, 'Rename the type, e.g. LIST_OF_PRODUCT_NAMES.');
  }
  if (isBuiltIn(type.name) && type.origin === 'model') {
    add('error', 'model/type-name', type.path, `A declared type cannot be named "${type.name}": AMAZON.* names belong to built-in types.`, 'Choose a name without the AMAZON. prefix.');
  }
  if (!used.has(type.name)) {
    add('warning', 'model/type-unused', type.path, `No intent has a slot of the type ${type.name}.`, 'Remove the type, or use it in an input.');
  }
  const suppliedElsewhere = type.raw !== undefined && 'valueSupplier' in type.raw;
  if (!suppliedElsewhere && (type.values === undefined || type.values.length === 0)) {
    add('error', 'model/type-empty', type.path, type.fromCatalog
      ? `The catalog type ${type.name} has no values: no product in platforms/alexaSkill/isps/ has a name in ${model.locale}.`
      : `The type ${type.name} has no values; Alexa rejects empty slot types.`,
    type.fromCatalog ? `Add a product (skillshop isp add), or its ${model.locale} name.` : 'Add the values users say.');
    return;
  }
  const seen = new Map<string, { kind: 'value' | 'synonym'; text: string }>();
  const seenIds = new Set<string>();
  for (const value of type.values ?? []) {
    if (value.value === undefined) {
      add('error', 'model/value-missing', value.path, `A value of ${type.name} has no "value".`, 'Add "value": "<what users say>".');
      continue;
    }
    if (value.id !== undefined) {
      if (seenIds.has(value.id)) add('warning', 'model/value-duplicate-id', value.path, `Two values of ${type.name} have the id "${value.id}".`, 'Merge them: make one value with synonyms.');
      seenIds.add(value.id);
    }
    const entries: { kind: 'value' | 'synonym'; text: string }[] = [{ kind: 'value', text: value.value }, ...value.synonyms.map((text) => ({ kind: 'synonym' as const, text }))];
    for (const entry of entries) {
      const key = normalizeSample(entry.text, model.locale);
      const earlier = seen.get(key);
      if (earlier === undefined) {
        seen.set(key, entry);
      } else if (earlier.kind === 'value' && entry.kind === 'value') {
        add('error', 'model/value-duplicate', value.path, `${type.name} lists the value "${entry.text}" twice (values compare without case).`, 'Remove the duplicate, or merge the two into one value with synonyms.');
      } else {
        add('warning', 'model/value-duplicate', value.path, `${type.name} lists "${entry.text}" twice (as ${earlier.kind} and ${entry.kind}); Alexa cannot tell which value it means.`, 'Keep it in one place only.');
      }
    }
  }
}

interface DialogLike {
  intents?: { name?: unknown; prompts?: unknown; slots?: { name?: unknown; prompts?: unknown }[] }[];
}

function promptIds(prompts: unknown): string[] {
  if (prompts === null || typeof prompts !== 'object') return [];
  return Object.values(prompts as Record<string, unknown>).filter((id): id is string => typeof id === 'string');
}

function dialogProblems(model: NormalizedModel, add: Add): void {
  const dialog = model.alexaExtra.dialog as DialogLike | undefined;
  if (dialog === undefined || !Array.isArray(dialog.intents)) return;
  const prompts = new Set(((model.alexaExtra.prompts as { id?: unknown }[] | undefined) ?? []).map((prompt) => prompt?.id).filter((id): id is string => typeof id === 'string'));
  const base: PathParts = ['alexa', 'interactionModel', 'dialog', 'intents'];
  dialog.intents.forEach((dialogIntent, index) => {
    const intent = model.intents.find((candidate) => candidate.name === dialogIntent?.name);
    if (!intent) {
      add('error', 'model/dialog-intent', [...base, index, 'name'], `The dialog names the intent ${JSON.stringify(dialogIntent?.name)}, which the model does not declare.`, 'Remove the dialog entry, or declare the intent.');
      return;
    }
    const checkPrompts = (value: unknown, path: PathParts) => {
      for (const id of promptIds(value)) {
        if (!prompts.has(id)) add('error', 'model/dialog-prompt', path, `The dialog refers to the prompt "${id}", which alexa.interactionModel.prompts does not define.`, 'Add the prompt, or remove the reference.');
      }
    };
    checkPrompts(dialogIntent.prompts, [...base, index, 'prompts']);
    (Array.isArray(dialogIntent.slots) ? dialogIntent.slots : []).forEach((slot, slotIndex) => {
      if (!intent.slots.some((candidate) => candidate.name === slot?.name)) {
        add('error', 'model/dialog-slot', [...base, index, 'slots', slotIndex, 'name'], `The dialog of ${intent.name} names the slot ${JSON.stringify(slot?.name)}, which the intent does not declare.`, 'Declare the slot as an input of the intent, or remove it from the dialog.');
      }
      checkPrompts(slot?.prompts, [...base, index, 'slots', slotIndex, 'prompts']);
    });
  });
}

/** Every problem of a normalized model (after catalog types are expanded and built-ins added). */
export function validateModel(model: NormalizedModel): Problem[] {
  const problems: Problem[] = [];
  const add: Add = (severity, rule, path, message, fix) =>
    problems.push({ severity, file: model.file, path: jsonPath(...path), rule, message, ...(fix === undefined ? {} : { fix }) });

  problems.push(...invocationProblems(model.invocation, model.locale, model.file, model.invocationPath));
  if (!model.intents.some((intent) => !isBuiltIn(intent.name))) {
    add('warning', 'model/no-intents', ['intents'], 'The model has no custom intents.', 'Add the intents of your skill, e.g. BuySkillItemIntent.');
  }

  const typeNames = new Set<string>();
  for (const type of model.types) {
    if (typeNames.has(type.name)) add('error', 'model/type-duplicate', type.path, `The type ${type.name} is declared twice.`, 'Merge the two declarations.');
    typeNames.add(type.name);
  }
  const intentNames = new Map<string, ModelIntent>();
  for (const intent of model.intents) {
    if (intentNames.has(intent.name)) add('error', 'model/intent-duplicate', intent.path, `The intent ${intent.name} is declared twice.`, 'Merge the two declarations into one.');
    intentNames.set(intent.name, intent);
    intentProblems(intent, model, typeNames, add);
  }

  // The same sample in two intents: Alexa cannot know which one the user meant.
  const owners = new Map<string, ModelIntent>();
  for (const intent of model.intents) {
    const mine = new Set<string>();
    for (const sample of intent.samples) {
      const key = normalizeSample(sample.text, model.locale);
      if (mine.has(key)) continue;
      mine.add(key);
      const owner = owners.get(key);
      if (owner === undefined) owners.set(key, intent);
      else if (owner !== intent) add('error', 'sample/conflict', sample.path, `"${sample.text}" is a sample of both ${owner.name} and ${intent.name}.`, `Keep it in one intent only.`);
    }
  }

  const used = new Set(model.intents.flatMap((intent) => intent.slots.map((slot) => slot.type)).filter((type): type is string => type !== undefined));
  for (const type of model.types) typeProblems(type, model, used, add);
  dialogProblems(model, add);
  return problems;
}
