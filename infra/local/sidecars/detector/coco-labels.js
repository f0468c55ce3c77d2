'use strict';

// The 80 COCO classes the CenterNet model knows, keyed by the names @vladmandic/human reports,
// mapped to the label Amazon Rekognition uses for the same thing. Parents list every ancestor
// (Rekognition returns the whole chain, not only the direct parent); categories use
// Rekognition's category names.
const ANIMALS = 'Animals and Pets';
const APPAREL = 'Apparel and Accessories';
const EVERYDAY = 'Everyday Objects';
const FOOD = 'Food and Beverage';
const FURNITURE = 'Furniture and Furnishings';
const HOME = 'Home and Indoors';
const KITCHEN = 'Kitchen and Dining';
const PERSON = 'Person Description';
const PLANTS = 'Plants and Flowers';
const SAFETY = 'Public Safety';
const SPORTS = 'Sports';
const SYMBOLS = 'Symbols and Flags';
const TECH = 'Technology and Computing';
const TEXT = 'Text and Documents';
const TOOLS = 'Tools and Machinery';
const TOYS = 'Hobbies and Interests';
const VEHICLES = 'Vehicles and Automotive';

const VEHICLE = ['Vehicle', 'Transportation'];
const WILD = ['Animal', 'Mammal', 'Wildlife'];
const FRUIT = ['Fruit', 'Food', 'Produce', 'Plant'];
const VEGETABLE = ['Vegetable', 'Food', 'Produce', 'Plant'];
const APPLIANCE = ['Appliance', 'Electrical Device'];
const COMPUTER_HARDWARE = ['Computer Hardware', 'Electronics', 'Hardware'];

/** @type {Record<string, {name: string, parents: string[], aliases: string[], categories: string[]}>} */
const COCO_TO_REKOGNITION = Object.freeze({
  person: label('Person', [], ['Human'], PERSON),
  bicycle: label('Bicycle', VEHICLE, ['Bike'], VEHICLES),
  car: label('Car', VEHICLE, ['Automobile'], VEHICLES),
  motorcycle: label('Motorcycle', VEHICLE, ['Motorbike'], VEHICLES),
  airplane: label('Airplane', ['Aircraft', ...VEHICLE], ['Aeroplane'], VEHICLES),
  bus: label('Bus', VEHICLE, [], VEHICLES),
  train: label('Train', ['Railway', ...VEHICLE], [], VEHICLES),
  truck: label('Truck', VEHICLE, ['Lorry'], VEHICLES),
  boat: label('Boat', ['Watercraft', ...VEHICLE], [], VEHICLES),
  'traffic light': label('Traffic Light', ['Light'], [], VEHICLES),
  'fire hydrant': label('Fire Hydrant', ['Hydrant'], [], SAFETY),
  'stop sign': label('Stop Sign', ['Road Sign', 'Sign', 'Symbol'], [], SYMBOLS),
  'parking meter': label('Parking Meter', [], [], VEHICLES),
  bench: label('Bench', ['Furniture'], [], FURNITURE),
  bird: label('Bird', ['Animal'], [], ANIMALS),
  cat: label('Cat', ['Pet', 'Animal', 'Mammal'], [], ANIMALS),
  dog: label('Dog', ['Pet', 'Animal', 'Mammal', 'Canine'], [], ANIMALS),
  horse: label('Horse', ['Animal', 'Mammal'], [], ANIMALS),
  sheep: label('Sheep', ['Animal', 'Mammal', 'Livestock'], [], ANIMALS),
  cow: label('Cow', ['Animal', 'Mammal', 'Livestock', 'Cattle'], [], ANIMALS),
  elephant: label('Elephant', WILD, [], ANIMALS),
  bear: label('Bear', WILD, [], ANIMALS),
  zebra: label('Zebra', WILD, [], ANIMALS),
  giraffe: label('Giraffe', WILD, [], ANIMALS),
  backpack: label('Backpack', ['Bag', 'Accessories'], ['Rucksack'], APPAREL),
  umbrella: label('Umbrella', ['Canopy'], [], APPAREL),
  handbag: label('Handbag', ['Bag', 'Accessories'], ['Purse'], APPAREL),
  tie: label('Tie', ['Accessories', 'Formal Wear', 'Clothing'], ['Necktie'], APPAREL),
  suitcase: label('Suitcase', ['Baggage'], ['Luggage'], APPAREL),
  frisbee: label('Frisbee', ['Toy'], [], SPORTS),
  skis: label('Ski', ['Sports Equipment'], [], SPORTS),
  snowboard: label('Snowboard', ['Sports Equipment'], [], SPORTS),
  'sports ball': label('Ball', ['Sports Equipment'], [], SPORTS),
  kite: label('Kite', ['Toy'], [], TOYS),
  'baseball bat': label('Baseball Bat', ['Sports Equipment'], [], SPORTS),
  'baseball glove': label('Baseball Glove', ['Glove', 'Clothing', 'Sports Equipment'], [], SPORTS),
  skateboard: label('Skateboard', ['Sports Equipment'], [], SPORTS),
  surfboard: label('Surfboard', ['Sports Equipment'], [], SPORTS),
  'tennis racket': label('Racket', ['Sports Equipment'], ['Tennis Racket'], SPORTS),
  bottle: label('Bottle', [], [], EVERYDAY),
  'wine glass': label('Wine Glass', ['Glass'], ['Goblet'], KITCHEN),
  cup: label('Cup', [], [], KITCHEN),
  fork: label('Fork', ['Cutlery'], [], KITCHEN),
  knife: label('Knife', ['Cutlery'], [], KITCHEN),
  spoon: label('Spoon', ['Cutlery'], [], KITCHEN),
  bowl: label('Bowl', [], [], KITCHEN),
  banana: label('Banana', FRUIT, [], FOOD),
  apple: label('Apple', FRUIT, [], FOOD),
  sandwich: label('Sandwich', ['Food'], [], FOOD),
  orange: label('Orange', ['Citrus Fruit', ...FRUIT], [], FOOD),
  broccoli: label('Broccoli', VEGETABLE, [], FOOD),
  carrot: label('Carrot', VEGETABLE, [], FOOD),
  'hot dog': label('Hot Dog', ['Food'], [], FOOD),
  pizza: label('Pizza', ['Food'], [], FOOD),
  donut: label('Donut', ['Sweets', 'Food'], ['Doughnut'], FOOD),
  cake: label('Cake', ['Dessert', 'Food'], [], FOOD),
  chair: label('Chair', ['Furniture'], [], FURNITURE),
  couch: label('Couch', ['Furniture'], ['Sofa'], FURNITURE),
  'potted plant': label('Potted Plant', ['Plant'], ['Houseplant'], PLANTS),
  bed: label('Bed', ['Furniture'], [], FURNITURE),
  'dining table': label('Dining Table', ['Table', 'Furniture'], [], FURNITURE),
  toilet: label('Toilet', ['Bathroom', 'Indoors'], [], HOME),
  tv: label('TV', ['Screen', 'Monitor', 'Electronics'], ['Television'], TECH),
  laptop: label('Laptop', ['Computer', 'Electronics', 'Pc'], [], TECH),
  mouse: label('Mouse', COMPUTER_HARDWARE, [], TECH),
  remote: label('Remote Control', ['Electronics'], [], TECH),
  keyboard: label('Computer Keyboard', COMPUTER_HARDWARE, ['Keyboard'], TECH),
  'cell phone': label('Mobile Phone', ['Phone', 'Electronics'], ['Cell Phone'], TECH),
  microwave: label('Microwave', APPLIANCE, [], HOME),
  oven: label('Oven', APPLIANCE, [], KITCHEN),
  toaster: label('Toaster', APPLIANCE, [], KITCHEN),
  sink: label('Sink', [], [], HOME),
  refrigerator: label('Refrigerator', APPLIANCE, ['Fridge'], KITCHEN),
  book: label('Book', ['Publication'], [], TEXT),
  clock: label('Clock', [], [], EVERYDAY),
  vase: label('Vase', ['Jar', 'Pottery'], [], HOME),
  scissors: label('Scissors', ['Tool'], [], TOOLS),
  'teddy bear': label('Teddy Bear', ['Toy'], [], TOYS),
  'hair drier': label('Hair Dryer', APPLIANCE, ['Blow Dryer'], HOME),
  toothbrush: label('Toothbrush', ['Brush', 'Tool'], [], HOME),
});

function label(name, parents, aliases, category) {
  return Object.freeze({
    name,
    parents: Object.freeze([...parents]),
    aliases: Object.freeze([...aliases]),
    categories: Object.freeze([category]),
  });
}

function titleCase(text) {
  return String(text)
    .trim()
    .split(/[\s_]+/)
    .filter(Boolean)
    .map((word) => word[0].toUpperCase() + word.slice(1).toLowerCase())
    .join(' ');
}

/**
 * The Rekognition label for a detector class name. A name missing from the table (a newer model
 * with more classes) still yields a usable label rather than dropping the detection.
 */
function toRekognitionLabel(cocoName) {
  const known = COCO_TO_REKOGNITION[String(cocoName).toLowerCase()];
  if (known) return known;
  return Object.freeze({ name: titleCase(cocoName), parents: Object.freeze([]), aliases: Object.freeze([]), categories: Object.freeze([]) });
}

/** Labels DetectLabels adds from the face and text analyses, with Rekognition's parents and categories. */
const ANALYSIS_LABELS = Object.freeze({
  Face: label('Face', ['Head', 'Person'], [], PERSON),
  Text: label('Text', [], [], TEXT),
});

/** A whole-image Label (no instances) for "Face" or "Text" at a confidence (0-100). */
function analysisLabel(name, confidence) {
  const mapped = ANALYSIS_LABELS[name];
  return {
    Name: mapped.name,
    Confidence: Math.round(confidence * 1e4) / 1e4,
    Parents: mapped.parents.map((n) => ({ Name: n })),
    Aliases: mapped.aliases.map((n) => ({ Name: n })),
    Categories: mapped.categories.map((n) => ({ Name: n })),
  };
}

module.exports = { COCO_TO_REKOGNITION, ANALYSIS_LABELS, analysisLabel, toRekognitionLabel, titleCase };
