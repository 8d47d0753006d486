import { buildApp } from '../app.ts';

// Stage and configuration come from context: `npx cdk synth -c stage=prod -c mailDomain=...`.
buildApp().app.synth();
