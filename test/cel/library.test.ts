import { describe, expect, it } from "vitest";
import { compileCel } from "../../src/cel/program.js";
import { fromCelValue } from "../../src/cel/values.js";

/** Evaluates an expression with no variables: the value, or "error" when CEL gives an error. */
function value(expression: string): unknown {
  const result = compileCel(expression).evaluate({});
  return result.ok ? fromCelValue(result.value) : "error";
}

/**
 * Each table is the documented examples of one Kubernetes CEL library (kubernetes.io "CEL in
 * Kubernetes" and the godoc of k8s.io/apiserver/pkg/cel/library), as `expression → documented result`.
 */
function examples(name: string, table: readonly (readonly [string, unknown])[]) {
  describe(name, () => {
    it.each(table)("%s", (expression, expected) => {
      expect(value(expression)).toEqual(expected);
    });
  });
}

examples("lists", [
  ["[1, 2, 3].isSorted()", true],
  ["['a', 'b', 'b', 'c'].isSorted()", true],
  ["[2.0, 1.0].isSorted()", false],
  ["[1].isSorted()", true],
  ["[].isSorted()", true],
  ["[1, 3].sum()", 4],
  ["[1.0, 3.0].sum()", 4],
  ["[].sum()", 0],
  ["[1, 3].min()", 1],
  ["[1, 3].max()", 3],
  ["[].min()", "error"],
  ["[1].min()", 1],
  ["([0] + []).min()", 0],
  ["[1, 2, 2, 3].indexOf(2)", 1],
  ["['a', 'b', 'b', 'c'].lastIndexOf('b')", 2],
  ["[1.0].indexOf(1.1)", -1],
  ["[].indexOf('string')", -1],
  ["[{'weight': 0.25}, {'weight': 0.75}].map(x, x.weight).sum() == 1.0", true],
  ["['should-be-first', 'x'].indexOf('should-be-first') == 0", true],
]);

examples("regex", [
  ["'abc 123'.find('[0-9]+')", "123"],
  ["'abc'.find('[0-9]+')", ""],
  ["'123 abc 456'.findAll('[0-9]+')", ["123", "456"]],
  ["'123 abc 456'.findAll('[0-9]+', 1)", ["123"]],
  ["'123 abc 456'.findAll('xyz')", []],
  ["'1, 2, 3, 4'.findAll('[0-9]+').map(x, int(x)).sum() < 100", true],
  ["'abc'.find('(')", "error"],
]);

examples("URLs", [
  ["isURL('https://user:pass@example.com:80/path?query=val#fragment')", true],
  ["isURL('/absolute-path')", true],
  ["isURL('https://a:b:c/')", false],
  ["isURL('../relative-path')", false],
  ["url('https://a:b:c/')", "error"],
  ["url('/path').getScheme()", ""],
  ["url('https://example.com/').getScheme()", "https"],
  ["url('https://example.com:80/').getHost()", "example.com:80"],
  ["url('https://example.com/').getHost()", "example.com"],
  ["url('https://[::1]:80/').getHost()", "[::1]:80"],
  ["url('https://[::1]/').getHost()", "[::1]"],
  ["url('/path').getHost()", ""],
  ["url('https://example.com:80/').getHostname()", "example.com"],
  ["url('https://127.0.0.1:80/').getHostname()", "127.0.0.1"],
  ["url('https://[::1]:80/').getHostname()", "::1"],
  ["url('/path').getHostname()", ""],
  ["url('https://example.com:80/').getPort()", "80"],
  ["url('https://example.com/').getPort()", ""],
  ["url('/path').getPort()", ""],
  ["url('https://example.com/path').getEscapedPath()", "/path"],
  ["url('https://example.com/path with spaces/').getEscapedPath()", "/path%20with%20spaces/"],
  ["url('https://example.com').getEscapedPath()", ""],
  ["url('https://example.com/path?k1=a&k2=b&k2=c').getQuery()", { k1: ["a"], k2: ["b", "c"] }],
  ["url('https://example.com/path?key with spaces=value with spaces').getQuery()", { "key with spaces": ["value with spaces"] }],
  ["url('https://example.com/path?').getQuery()", {}],
  ["url('https://example.com/path').getQuery()", {}],
]);

examples("quantity", [
  ["isQuantity('1.5G')", true],
  ["isQuantity('200K')", false],
  ["isQuantity('Three')", false],
  ["quantity('500000G').isInteger()", true],
  ["quantity('50k').asInteger()", 50000],
  ["quantity('9999999999999999999999999999999999999G').asApproximateFloat() > 1e45", true],
  ["quantity('50k').add(20).sub(quantity('100k')).sub(-50000).asInteger()", 20],
  ["quantity('50k').sub(20000).asInteger()", 30000],
  ["quantity('200M').compareTo(quantity('0.2G'))", 0],
  ["quantity('150Mi').isGreaterThan(quantity('100Mi'))", true],
  ["quantity('50M').isLessThan(quantity('100M'))", true],
  ["quantity('1').sign()", 1],
  ["quantity('-1').sign()", -1],
  ["quantity('0').sign()", 0],
  ["quantity('1.5Gi').isInteger()", true],
  ["quantity('100m').isInteger()", false],
  ["quantity('100m').asInteger()", "error"],
  ["quantity('1') == quantity('1000m')", true],
]);

examples("IP", [
  ["isIP('127.0.0.1')", true],
  ["isIP('::1')", true],
  ["isIP('127.0.0.256')", false],
  ["isIP(':::1')", false],
  ["ip('127.0.0.256')", "error"],
  ["isIP('01.2.3.4')", false],
  ["isIP('::ffff:1.2.3.4')", false],
  ["isIP('fe80::1%eth0')", false],
  ["ip.isCanonical('127.0.0.1')", true],
  ["ip.isCanonical('2001:db8::abcd')", true],
  ["ip.isCanonical('2001:DB8::ABCD')", false],
  ["ip.isCanonical('2001:db8::0:0:0:abcd')", false],
  ["ip('127.0.0.1').family()", 4],
  ["ip('::1').family()", 6],
  ["ip('0.0.0.0').isUnspecified()", true],
  ["ip('127.0.0.1').isUnspecified()", false],
  ["ip('::').isUnspecified()", true],
  ["ip('::1').isUnspecified()", false],
  ["ip('127.0.0.1').isLoopback()", true],
  ["ip('192.168.0.1').isLoopback()", false],
  ["ip('::1').isLoopback()", true],
  ["ip('2001:db8::abcd').isLoopback()", false],
  ["ip('224.0.0.1').isLinkLocalMulticast()", true],
  ["ip('224.0.1.1').isLinkLocalMulticast()", false],
  ["ip('ff02::1').isLinkLocalMulticast()", true],
  ["ip('fd00::1').isLinkLocalMulticast()", false],
  ["ip('169.254.169.254').isLinkLocalUnicast()", true],
  ["ip('192.168.0.1').isLinkLocalUnicast()", false],
  ["ip('fe80::1').isLinkLocalUnicast()", true],
  ["ip('fd80::1').isLinkLocalUnicast()", false],
  ["ip('192.168.0.1').isGlobalUnicast()", true],
  ["ip('255.255.255.255').isGlobalUnicast()", false],
  ["ip('2001:db8::abcd').isGlobalUnicast()", true],
  ["ip('ff00::1').isGlobalUnicast()", false],
]);

examples("CIDR", [
  ["isCIDR('192.168.0.0/16')", true],
  ["isCIDR('::1/128')", true],
  ["isCIDR('192.168.0.0/33')", false],
  ["isCIDR('::1/129')", false],
  ["cidr('192.168.0.0/33')", "error"],
  ["cidr('192.168.0.0/24').containsIP(ip('192.168.0.1'))", true],
  ["cidr('192.168.0.0/24').containsIP(ip('192.168.1.1'))", false],
  ["cidr('192.168.0.0/24').containsIP('192.168.0.1')", true],
  ["cidr('192.168.0.0/24').containsIP('192.168.1.1')", false],
  ["cidr('192.168.0.0/16').containsCIDR(cidr('192.168.10.0/24'))", true],
  ["cidr('192.168.1.0/24').containsCIDR(cidr('192.168.2.0/24'))", false],
  ["cidr('192.168.0.0/16').containsCIDR('192.168.10.0/24')", true],
  ["cidr('192.168.1.0/24').containsCIDR('192.168.2.0/24')", false],
  ["cidr('192.168.0.1/24').ip() == ip('192.168.0.1')", true],
  ["cidr('192.168.0.1/24').ip().family()", 4],
  ["cidr('::1/128').ip() == ip('::1')", true],
  ["cidr('::1/128').ip().family()", 6],
  ["cidr('192.168.0.0/24').masked() == cidr('192.168.0.0/24')", true],
  ["cidr('192.168.0.1/24').masked() == cidr('192.168.0.0/24')", true],
  ["cidr('192.168.0.0/24') == cidr('192.168.0.0/24').masked()", true],
  ["cidr('192.168.0.1/24') == cidr('192.168.0.1/24').masked()", false],
  ["cidr('192.168.0.0/16').prefixLength()", 16],
  ["cidr('::1/128').prefixLength()", 128],
]);

examples("semver", [
  ["isSemver('1.0.0')", true],
  ["isSemver('0.1.0-alpha.1')", true],
  ["isSemver('hello')", false],
  ["isSemver('v1.0')", false],
  ["isSemver('v1.0', true)", true],
  ["isSemver('1.0', true)", true],
  ["isSemver('01.01.01', true)", true],
  ["semver('200K')", "error"],
  ["semver('Three')", "error"],
  ["semver('Mi')", "error"],
  ["semver('v1.0.0', true) == semver('1.0.0')", true],
  ["semver('1.0', true) == semver('1.0.0')", true],
  ["semver('01.01.01', true) == semver('1.1.1')", true],
  ["semver('1.2.3').major()", 1],
  ["semver('1.2.3').minor()", 2],
  ["semver('1.2.3').patch()", 3],
  ["semver('1.2.3').compareTo(semver('1.2.3'))", 0],
  ["semver('1.2.3').compareTo(semver('2.0.0'))", -1],
  ["semver('1.2.3').compareTo(semver('0.1.2'))", 1],
  ["semver('1.0.0-alpha').isLessThan(semver('1.0.0'))", true],
  ["semver('1.0.0-alpha.1').isLessThan(semver('1.0.0-alpha.beta'))", true],
  ["semver('2.0.0').isGreaterThan(semver('1.9.9'))", true],
]);

examples("format (each documented example is valid: validate gives none)", [
  ["format.dns1123Label().validate('my-label-name').hasValue()", false],
  ["format.dns1123Subdomain().validate('apiextensions.k8s.io').hasValue()", false],
  ["format.dns1035Label().validate('my-label-name').hasValue()", false],
  ["format.qualifiedName().validate('apiextensions.k8s.io/v1beta1').hasValue()", false],
  ["format.dns1123LabelPrefix().validate('my-label-prefix-').hasValue()", false],
  ["format.dns1123SubdomainPrefix().validate('mysubdomain.prefix.-').hasValue()", false],
  ["format.dns1035LabelPrefix().validate('my-label-prefix-').hasValue()", false],
  ["format.uri().validate('http://example.com').hasValue()", false],
  ["format.uuid().validate('123e4567-e89b-12d3-a456-426614174000').hasValue()", false],
  ["format.byte().validate('aGVsbG8=').hasValue()", false],
  ["format.date().validate('2021-01-01').hasValue()", false],
  ["format.datetime().validate('2021-01-01T00:00:00Z').hasValue()", false],
  ["format.dns1123Label().validate('My_Name').hasValue()", true],
  [
    "format.dns1123Label().validate('a'.replace('a', 'abcdefghij').replace('j', 'jjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjj')).value().size()",
    1,
  ],
  ["format.dns1035Label().validate('1abc').hasValue()", true],
  ["format.qualifiedName().validate('a/b/c').hasValue()", true],
  ["format.labelValue().validate('').hasValue()", false],
  ["format.date().validate('2021-02-30').hasValue()", true],
  ["format.named('dns1123Label').hasValue()", true],
  ["format.named('no-such-format').hasValue()", false],
  ["format.named('labelValue').value().validate('x').hasValue()", false],
]);

examples("optional values (as functions)", [
  ["optional.of(1).value()", 1],
  ["optional.of(1).hasValue()", true],
  ["optional.none().hasValue()", false],
  ["optional.none().orValue(2)", 2],
  ["optional.none().value()", "error"],
  ["optional.ofNonZeroValue('').hasValue()", false],
  ["optional.ofNonZeroValue('a').value()", "a"],
  ["optional.none().or(optional.of(3)).value()", 3],
]);

examples("sets and lists extensions (cel-go's documented examples)", [
  ["sets.contains([], [])", true],
  ["sets.contains([], [1])", false],
  ["sets.contains([1, 2, 3, 4], [2, 3])", true],
  ["sets.contains([1, 2.0, 3u], [1.0, 2u, 3])", true],
  ["sets.equivalent([], [])", true],
  ["sets.equivalent([1], [1, 1])", true],
  ["sets.equivalent([1], [1u, 1.0])", true],
  ["sets.equivalent([1, 2, 3], [3u, 2.0, 1])", true],
  ["sets.intersects([1], [])", false],
  ["sets.intersects([1], [1, 2])", true],
  ["sets.intersects([[1], [2, 3]], [[1, 2], [2, 3.0]])", true],
  ["[1, 2, 3, 4].slice(1, 3)", [2, 3]],
  ["[1, 2, 3, 4].slice(2, 4)", [3, 4]],
  ["[1, [2, 3], [4]].flatten()", [1, 2, 3, 4]],
  ["[1, [2, [3, 4]]].flatten()", [1, 2, [3, 4]]],
  ["[1, 2, [], [], [3, 4]].flatten()", [1, 2, 3, 4]],
  ["[1, [2, [3, [4]]]].flatten(2)", [1, 2, 3, [4]]],
  ["[1, [2, [3, [4]]]].flatten(-1)", "error"],
  ["[1, 2, 2, 3, 3, 3].distinct()", [1, 2, 3]],
  ["['b', 'b', 'c', 'a', 'c'].distinct()", ["b", "c", "a"]],
  ["[5, 1, 2, 3].reverse()", [3, 2, 1, 5]],
  ["[4, 3, 2, 1].sort()", [1, 2, 3, 4]],
  ["['x', 'y', 'a', 'z'].sort()", ["a", "x", "y", "z"]],
  ["[1, 'b'].sort()", "error"],
  ["lists.range(4)", [0, 1, 2, 3]],
  ["[1, 2].first().value()", 1],
  ["[].last().hasValue()", false],
]);

examples("strings extension and cel.bind", [
  ["'hello'.upperAscii()", "HELLO"],
  ["'a,b'.split(',')", ["a", "b"]],
  ["['a', 'b'].join('-')", "a-b"],
  ["'%s has %d'.format(['x', 2])", "x has 2"],
  ["cel.bind(x, 'abc', x + x)", "abcabc"],
]);

describe("size limits", () => {
  const big = "x".repeat(600_000);
  const run = (expression: string) => {
    const started = performance.now();
    const result = compileCel(expression).evaluate({ big });
    return { result, ms: performance.now() - started };
  };

  it("refuses to build an over-long string before building it", () => {
    for (const expression of [
      "big.replace('', big)",
      "big + big",
      "[big, big].join(',')",
      "[1, 2, 3].map(i, big.replace('x', 'yy')).size()",
    ]) {
      const { result, ms } = run(expression);
      expect(result.ok, expression).toBe(false);
      expect(result.ok ? "" : result.error, expression).toMatch(/string result over \d+ characters/);
      expect(ms, expression).toBeLessThan(2_000);
    }
  });

  it("leaves ordinary sizes alone", () => {
    expect(value("'a-b-c'.replace('-', '+')")).toBe("a+b+c");
    expect(value("'a-b-c'.replace('-', '+', 1)")).toBe("a+b-c");
    expect(value("['a', 'b'].join()")).toBe("ab");
    expect(value("'ab' + 'cd'")).toBe("abcd");
    expect(value("[1] + [2]")).toEqual([1, 2]);
  });
});

describe("hostile expressions", () => {
  it("an expression nested too deeply to walk is a compile error, not a crash", () => {
    for (const expression of ["1" + "+1".repeat(4990), `${"(".repeat(4900)}1${")".repeat(4900)}`]) {
      expect(() => compileCel(expression)).toThrow(/nests too deeply/);
    }
  });
});
