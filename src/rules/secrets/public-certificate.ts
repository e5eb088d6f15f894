/**
 * Certificates are public by design: a server hands its certificate chain to every client, and a CA
 * bundle (ca.crt) is what clients trust. A Secret value that holds nothing but certificates leaks nothing.
 */

/** One PEM block of public material: a certificate (OpenSSL's "trusted" form too) or a revocation list. */
const PUBLIC_BLOCK = /-----BEGIN (CERTIFICATE|TRUSTED CERTIFICATE|X509 CRL)-----[A-Za-z0-9+/=\s]*-----END \1-----/g;

/** Comment lines, as in the CA bundles of Mozilla and certifi (`# Issuer: …`). */
const COMMENT_LINE = /^[ \t]*#.*$/gm;

/**
 * True when the text is one or more PEM certificates (or CRLs) and nothing else but whitespace and
 * comment lines. A private key, a password or any other block next to them makes it false.
 */
export function isOnlyPublicCertificates(text: string): boolean {
  const blocks = text.match(PUBLIC_BLOCK);
  if (!blocks) return false;
  return text.replace(PUBLIC_BLOCK, "").replace(COMMENT_LINE, "").trim() === "";
}
