import { celList } from "@bufbuild/cel";
import { expect as expectKind, func, methods, opaque, str } from "./opaque.js";
import { NONE, some } from "./optional.js";
import { isUrl } from "./urls.js";

/**
 * The Kubernetes format library: `format.named(name)` and `format.<name>()`, whose `validate(s)` gives
 * optional.none() for a valid string and otherwise the list of what is wrong, in apimachinery's words.
 */
const LABEL = "[a-z0-9]([-a-z0-9]*[a-z0-9])?";
const DNS1123_LABEL = new RegExp(`^${LABEL}$`);
const DNS1123_SUBDOMAIN = new RegExp(`^${LABEL}(\\.${LABEL})*$`);
const DNS1035_LABEL = /^[a-z]([-a-z0-9]*[a-z0-9])?$/;
const QUALIFIED_NAME = /^([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]$/;
const LABEL_VALUE = /^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const DATETIME = /^(\d{4}-\d{2}-\d{2})[Tt ](\d{2}):(\d{2}):(\d{2})(\.\d+)?([Zz]|[+-]\d{2}:\d{2})$/;

function maxLength(value: string, max: number): string[] {
  return value.length > max ? [`must be no more than ${max} characters`] : [];
}

function dns1123Label(value: string): string[] {
  return [
    ...maxLength(value, 63),
    ...(DNS1123_LABEL.test(value)
      ? []
      : [
          "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')",
        ]),
  ];
}

function dns1123Subdomain(value: string): string[] {
  return [
    ...maxLength(value, 253),
    ...(DNS1123_SUBDOMAIN.test(value)
      ? []
      : [
          "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')",
        ]),
  ];
}

function dns1035Label(value: string): string[] {
  return [
    ...maxLength(value, 63),
    ...(DNS1035_LABEL.test(value)
      ? []
      : [
          "a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character, and end with an alphanumeric character (e.g. 'my-name',  or 'abc-123', regex used for validation is '[a-z]([-a-z0-9]*[a-z0-9])?')",
        ]),
  ];
}

function qualifiedName(value: string): string[] {
  const parts = value.split("/");
  if (parts.length > 2)
    return [
      "a qualified name must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]') with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')",
    ];
  const name = parts[parts.length - 1] ?? "";
  const errors: string[] = [];
  if (parts.length === 2) {
    const prefix = parts[0] ?? "";
    if (prefix === "") errors.push("prefix part must be non-empty");
    else errors.push(...dns1123Subdomain(prefix).map((e) => `prefix part ${e}`));
  }
  if (name === "") errors.push("name part must be non-empty");
  else if (name.length > 63) errors.push("name part must be no more than 63 characters");
  if (name !== "" && !QUALIFIED_NAME.test(name)) {
    errors.push(
      "name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')",
    );
  }
  return errors;
}

function labelValue(value: string): string[] {
  return [
    ...maxLength(value, 63),
    ...(LABEL_VALUE.test(value)
      ? []
      : [
          "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')",
        ]),
  ];
}

function validDate(text: string): boolean {
  const match = DATE.exec(text);
  if (!match) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

function validDateTime(text: string): boolean {
  const match = DATETIME.exec(text);
  return match !== null && validDate(match[1] ?? "") && Number(match[2]) < 24 && Number(match[3]) < 60 && Number(match[4]) < 61;
}

/** A trailing `-` is allowed in a prefix (the API server appends a random suffix to generateName). */
const asPrefix = (validate: (value: string) => string[]) => (value: string) =>
  validate(value.endsWith("-") ? `${value.slice(0, -1)}a` : value);

const FORMATS: Record<string, (value: string) => string[]> = {
  dns1123Label,
  dns1123Subdomain,
  dns1035Label,
  qualifiedName,
  dns1123LabelPrefix: asPrefix(dns1123Label),
  dns1123SubdomainPrefix: asPrefix(dns1123Subdomain),
  dns1035LabelPrefix: asPrefix(dns1035Label),
  labelValue,
  uri: (value) => (isUrl(value) ? [] : [`parse "${value}": invalid URI for request`]),
  uuid: (value) => (UUID.test(value) ? [] : ["does not match the UUID format"]),
  byte: (value) => (BASE64.test(value) ? [] : ["invalid base64"]),
  date: (value) => (validDate(value) ? [] : ["invalid date"]),
  datetime: (value) => (validDateTime(value) ? [] : ["invalid datetime"]),
};

export const FORMAT_FUNCS = [
  func("format.named", 1, (name) => {
    const key = str(name, "format.named");
    return Object.hasOwn(FORMATS, key) ? some(opaque("Format", key)) : NONE;
  }),
  ...Object.keys(FORMATS).map((name) => func(`format.${name}`, 0, () => opaque("Format", name))),
  methods("validate", 1, {
    Format: (format, value) => {
      const validate = FORMATS[String(expectKind(format, "Format", "validate"))];
      const errors = validate ? validate(str(value as never, "validate")) : ["unknown format"];
      return errors.length === 0 ? NONE : some(celList(errors));
    },
  }),
];
