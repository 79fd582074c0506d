// The spec's genericPatch body (a list of `{op, path, value}`) and reading it as the new value of each field it sets.
import { type Static, Type } from '@sinclair/typebox';

/** The spec's requestGenericPatchArray: `replace` updates a field, `add` sets one not set yet. */
export const PatchBody = Type.Array(
  Type.Object({
    op: Type.String({ enum: ['replace', 'add'] }),
    path: Type.String({ maxLength: 256 }),
    value: Type.String({ maxLength: 256 }),
  }),
  { minItems: 1, maxItems: 10 },
);

export type PatchOperations = Static<typeof PatchBody>;

/**
 * The value each operation sets, by field name (`/accountStatus` → `accountStatus`); either op sets it. Undefined
 * when an operation names a field outside `fields`, or sets a field twice: such a patch is not understood.
 */
export function patchedFields<Field extends string>(
  patch: PatchOperations,
  fields: readonly Field[],
): Partial<Record<Field, string>> | undefined {
  const values: Partial<Record<Field, string>> = {};
  for (const operation of patch) {
    const field = fields.find((name) => operation.path === `/${name}`);
    if (field === undefined || values[field] !== undefined) return undefined;
    values[field] = operation.value;
  }
  return values;
}
