// Validates each Kubernetes object of a JSON array (the rendered manifests) against the schema
// kubernetes-models bundles for its apiVersion and kind. Prints "ok <kind>/<name>" or
// "invalid <kind>/<name>: <reason>" per object; exits 1 if any object is invalid or of an unknown kind.
import { readFileSync } from 'node:fs';

const models = {
  'v1/Namespace': ['kubernetes-models/v1/Namespace', 'Namespace'],
  'v1/ConfigMap': ['kubernetes-models/v1/ConfigMap', 'ConfigMap'],
  'v1/Service': ['kubernetes-models/v1/Service', 'Service'],
  'v1/Secret': ['kubernetes-models/v1/Secret', 'Secret'],
  'v1/ServiceAccount': ['kubernetes-models/v1/ServiceAccount', 'ServiceAccount'],
  'apps/v1/Deployment': ['kubernetes-models/apps/v1/Deployment', 'Deployment'],
  'policy/v1/PodDisruptionBudget': ['kubernetes-models/policy/v1/PodDisruptionBudget', 'PodDisruptionBudget'],
  'networking.k8s.io/v1/NetworkPolicy': ['kubernetes-models/networking.k8s.io/v1/NetworkPolicy', 'NetworkPolicy'],
  'networking.k8s.io/v1/Ingress': ['kubernetes-models/networking.k8s.io/v1/Ingress', 'Ingress'],
  'monitoring.coreos.com/v1/ServiceMonitor': ['@kubernetes-models/prometheus-operator/monitoring.coreos.com/v1/ServiceMonitor', 'ServiceMonitor'],
};

const objects = JSON.parse(readFileSync(process.argv[2], 'utf8'));
let failed = 0;
for (const object of objects) {
  const id = `${object.kind}/${object.metadata?.name}`;
  const model = models[`${object.apiVersion}/${object.kind}`];
  if (!model) {
    console.log(`invalid ${id}: no schema for ${object.apiVersion} ${object.kind}`);
    failed++;
    continue;
  }
  const module = await import(model[0]);
  try {
    new module[model[1]](object).validate();
    console.log(`ok ${id}`);
  } catch (e) {
    console.log(`invalid ${id}: ${e.message}`);
    failed++;
  }
}
process.exit(failed === 0 ? 0 : 1);
