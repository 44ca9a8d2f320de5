#!/usr/bin/env node
// `cdk synth` entry point: configuration from context (`-c edgecv:...` or cdk.json), no lookups.
import { App } from 'aws-cdk-lib';
import { configFromContext } from '../config/configFromContext';
import { addEdgecvStacks, checkWithNag } from '../EdgecvApp';

const app = new App();
addEdgecvStacks(app, configFromContext((key) => app.node.tryGetContext(key)));
checkWithNag(app);
app.synth();
