import { GraphQLScalarType, Kind, type ObjectValueNode, type ValueNode } from 'graphql';
import { GatewayError } from '../../errors/GatewayError.js';

type JsonObject = Record<string, unknown>;

/**
 * `JSONObject`: a JSON object passed through as is (used for the Authentication API's free-form
 * user `properties`). Arrays, primitives and null are not objects and are rejected on input.
 */
export const JSONObjectScalar = new GraphQLScalarType<JsonObject, JsonObject>({
  name: 'JSONObject',
  description: 'A JSON object with string keys and arbitrary JSON values.',
  serialize(value) {
    if (isPlainObject(value)) return value;
    throw new TypeError('JSONObject cannot represent a value that is not a plain object');
  },
  parseValue(value) {
    if (isPlainObject(value)) return value;
    throw GatewayError.badUserInput('JSONObject must be a JSON object.');
  },
  parseLiteral(ast, variables) {
    if (ast.kind !== Kind.OBJECT)
      throw GatewayError.badUserInput('JSONObject must be a JSON object.');
    return objectLiteral(ast, variables);
  },
});

function isPlainObject(value: unknown): value is JsonObject {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const proto: unknown = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

function objectLiteral(
  ast: ObjectValueNode,
  variables: Readonly<Record<string, unknown>> | null | undefined,
): JsonObject {
  // A null-prototype object: a literal key `__proto__` stays a plain key.
  const result: JsonObject = Object.create(null) as JsonObject;
  for (const field of ast.fields) result[field.name.value] = literal(field.value, variables);
  return result;
}

function literal(
  ast: ValueNode,
  variables: Readonly<Record<string, unknown>> | null | undefined,
): unknown {
  switch (ast.kind) {
    case Kind.STRING:
    case Kind.BOOLEAN:
    case Kind.ENUM:
      return ast.value;
    case Kind.INT:
    case Kind.FLOAT:
      return Number(ast.value);
    case Kind.NULL:
      return null;
    case Kind.LIST:
      return ast.values.map((value) => literal(value, variables));
    case Kind.OBJECT:
      return objectLiteral(ast, variables);
    case Kind.VARIABLE:
      return variables?.[ast.name.value];
  }
}
