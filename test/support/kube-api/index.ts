export { type Exchange, FIXTURES_ROOT, fixture, fixtures } from "./exchange.js";
export { type TestKubeconfig, writeKubeconfig } from "./kubeconfig.js";
export { type KubeApi, type RecordedRequest, startKubeApi, unusedPort } from "./server.js";
export { makeSelfSignedCertificate, type SelfSignedCertificate } from "./tls.js";
