/**
 * The trivia: true-or-false questions in three rounds. Planet questions are free; galaxy questions
 * come with the Galaxy Pack (an entitlement), the daily challenge with the Star Club (a
 * subscription). Every question has a clue (a Clue Pack consumable pays for hearing it) and a fact
 * told after the answer. Numbers are written out: Alexa reads them as words, and digits next to
 * "a year" would look like a price to certification.
 */
export type Round = 'planets' | 'galaxies' | 'daily';

interface Texts {
  question: string;
  clue: string;
  fact: string;
}

export interface Question {
  answer: boolean;
  en: Texts;
  de: Texts;
}

const PLANETS: readonly Question[] = [
  {
    answer: true,
    en: {
      question: 'Jupiter is the largest planet in our solar system.',
      clue: 'It is named after the king of the Roman gods.',
      fact: 'Jupiter is so big that all the other planets together would fit inside it.',
    },
    de: {
      question: 'Jupiter ist der größte Planet unseres Sonnensystems.',
      clue: 'Er ist nach dem König der römischen Götter benannt.',
      fact: 'Jupiter ist so groß, dass alle anderen Planeten zusammen in ihn hineinpassen würden.',
    },
  },
  {
    answer: false,
    en: {
      question: 'Venus is the planet closest to the Sun.',
      clue: 'The closest planet is also the smallest one.',
      fact: 'Mercury is the closest planet to the Sun; Venus comes second.',
    },
    de: {
      question: 'Die Venus ist der Planet, der der Sonne am nächsten ist.',
      clue: 'Der sonnennächste Planet ist auch der kleinste.',
      fact: 'Der Merkur ist der Sonne am nächsten; die Venus kommt an zweiter Stelle.',
    },
  },
  {
    answer: true,
    en: {
      question: 'A day on Venus lasts longer than its year.',
      clue: 'Venus turns around itself very, very slowly.',
      fact: 'Venus needs about two hundred and forty three Earth days to turn once, but only two hundred and twenty five to go around the Sun.',
    },
    de: {
      question: 'Ein Tag auf der Venus dauert länger als ihr Jahr.',
      clue: 'Die Venus dreht sich sehr, sehr langsam um sich selbst.',
      fact: 'Die Venus braucht für eine Drehung etwa zweihundertdreiundvierzig Erdtage, für einen Umlauf um die Sonne aber nur zweihundertfünfundzwanzig.',
    },
  },
  {
    answer: false,
    en: {
      question: 'Mars has three moons.',
      clue: 'Their names mean fear and dread.',
      fact: 'Mars has two small moons, Phobos and Deimos.',
    },
    de: {
      question: 'Der Mars hat drei Monde.',
      clue: 'Ihre Namen bedeuten Furcht und Schrecken.',
      fact: 'Der Mars hat zwei kleine Monde, Phobos und Deimos.',
    },
  },
  {
    answer: true,
    en: {
      question: 'Saturn would float in water, if there were a bathtub big enough.',
      clue: 'Saturn is the least dense planet of all.',
      fact: 'Saturn is mostly hydrogen and helium, lighter than the same amount of water.',
    },
    de: {
      question: 'Der Saturn würde im Wasser schwimmen, wenn es eine Badewanne gäbe, die groß genug ist.',
      clue: 'Der Saturn hat die geringste Dichte aller Planeten.',
      fact: 'Der Saturn besteht vor allem aus Wasserstoff und Helium und ist leichter als die gleiche Menge Wasser.',
    },
  },
];

const GALAXIES: readonly Question[] = [
  {
    answer: true,
    en: {
      question: 'The Milky Way is a spiral galaxy.',
      clue: 'Seen from far away, it has arms winding around a bright center.',
      fact: 'The Milky Way is a barred spiral galaxy, with a bar of stars across its center.',
    },
    de: {
      question: 'Die Milchstraße ist eine Spiralgalaxie.',
      clue: 'Von weit weg gesehen hat sie Arme, die sich um ein helles Zentrum winden.',
      fact: 'Die Milchstraße ist eine Balkenspiralgalaxie, mit einem Balken aus Sternen quer durch ihr Zentrum.',
    },
  },
  {
    answer: false,
    en: {
      question: 'The Andromeda galaxy is moving away from us.',
      clue: 'In a few billion years, the two galaxies are expected to meet.',
      fact: 'Andromeda is coming closer, and will merge with the Milky Way in about four and a half billion years.',
    },
    de: {
      question: 'Die Andromedagalaxie entfernt sich von uns.',
      clue: 'In ein paar Milliarden Jahren werden sich die beiden Galaxien wohl begegnen.',
      fact: 'Andromeda kommt näher und wird in etwa viereinhalb Milliarden Jahren mit der Milchstraße verschmelzen.',
    },
  },
  {
    answer: true,
    en: {
      question: 'There is a black hole at the center of the Milky Way.',
      clue: 'Astronomers call it Sagittarius A star.',
      fact: 'It is about four million times as heavy as the Sun.',
    },
    de: {
      question: 'Im Zentrum der Milchstraße sitzt ein Schwarzes Loch.',
      clue: 'Astronomen nennen es Sagittarius A Stern.',
      fact: 'Es ist etwa vier Millionen Mal so schwer wie die Sonne.',
    },
  },
  {
    answer: false,
    en: {
      question: 'Our Sun sits at the center of the Milky Way.',
      clue: 'We live in one of the spiral arms.',
      fact: 'The Sun is about twenty six thousand light years from the center.',
    },
    de: {
      question: 'Unsere Sonne steht im Zentrum der Milchstraße.',
      clue: 'Wir leben in einem der Spiralarme.',
      fact: 'Die Sonne ist etwa sechsundzwanzigtausend Lichtjahre vom Zentrum entfernt.',
    },
  },
  {
    answer: true,
    en: {
      question: 'The Large Magellanic Cloud is a galaxy.',
      clue: 'It circles the Milky Way the way a moon circles a planet.',
      fact: 'The Large Magellanic Cloud is a small satellite galaxy, seen from the southern hemisphere.',
    },
    de: {
      question: 'Die Große Magellansche Wolke ist eine Galaxie.',
      clue: 'Sie umkreist die Milchstraße wie ein Mond seinen Planeten.',
      fact: 'Die Große Magellansche Wolke ist eine kleine Begleitgalaxie, die man von der Südhalbkugel aus sieht.',
    },
  },
];

const DAILY: readonly Question[] = [
  {
    answer: true,
    en: {
      question: 'Light from the Sun takes about eight minutes to reach the Earth.',
      clue: 'Light is fast, but the Sun is far away.',
      fact: 'Sunlight needs about eight minutes and twenty seconds for the trip.',
    },
    de: {
      question: 'Das Licht der Sonne braucht etwa acht Minuten bis zur Erde.',
      clue: 'Licht ist schnell, aber die Sonne ist weit weg.',
      fact: 'Sonnenlicht braucht für den Weg etwa acht Minuten und zwanzig Sekunden.',
    },
  },
  {
    answer: false,
    en: {
      question: 'A light year is a measure of time.',
      clue: 'Think of how far light travels.',
      fact: 'A light year is a distance: how far light travels in one year.',
    },
    de: {
      question: 'Ein Lichtjahr ist eine Zeiteinheit.',
      clue: 'Denk daran, wie weit das Licht reist.',
      fact: 'Ein Lichtjahr ist eine Entfernung: die Strecke, die das Licht in einem Jahr zurücklegt.',
    },
  },
  {
    answer: true,
    en: {
      question: 'Footprints on the Moon could last for millions of years.',
      clue: 'The Moon has no wind and no rain.',
      fact: 'Without weather, the astronauts\' footprints will stay for a very long time.',
    },
    de: {
      question: 'Fußspuren auf dem Mond könnten Millionen Jahre lang erhalten bleiben.',
      clue: 'Auf dem Mond gibt es weder Wind noch Regen.',
      fact: 'Ohne Wetter bleiben die Fußspuren der Astronauten sehr lange erhalten.',
    },
  },
  {
    answer: false,
    en: {
      question: 'Pluto is still counted as one of the planets.',
      clue: 'Astronomers gave it a new class in two thousand six.',
      fact: 'Since two thousand six, Pluto is called a dwarf planet.',
    },
    de: {
      question: 'Pluto zählt immer noch zu den Planeten.',
      clue: 'Astronomen haben ihn im Jahr zweitausendsechs neu eingeordnet.',
      fact: 'Seit zweitausendsechs gilt Pluto als Zwergplanet.',
    },
  },
  {
    answer: true,
    en: {
      question: 'Olympus Mons on Mars is the tallest volcano known in the solar system.',
      clue: 'It is about three times as tall as Mount Everest.',
      fact: 'Olympus Mons rises about twenty two kilometers above the plains around it.',
    },
    de: {
      question: 'Der Olympus Mons auf dem Mars ist der höchste bekannte Vulkan im Sonnensystem.',
      clue: 'Er ist etwa dreimal so hoch wie der Mount Everest.',
      fact: 'Der Olympus Mons erhebt sich etwa zweiundzwanzig Kilometer über die Ebenen um ihn herum.',
    },
  },
];

export const ROUNDS: Readonly<Record<Round, readonly Question[]>> = { planets: PLANETS, galaxies: GALAXIES, daily: DAILY };

/** The premium round each product unlocks. */
export const ROUND_OF_PRODUCT: Readonly<Record<string, Round>> = { galaxy_pack: 'galaxies', star_club: 'daily' };
export const PRODUCT_OF_ROUND: Readonly<Partial<Record<Round, string>>> = { galaxies: 'galaxy_pack', daily: 'star_club' };

/** Days since 1970 at the request's time: the daily challenge changes at midnight UTC. */
export function dayNumber(timestamp: string): number {
  const time = Date.parse(timestamp);
  return Number.isNaN(time) ? 0 : Math.floor(time / 86_400_000);
}

export function questionAt(round: Round, index: number): Question {
  const list = ROUNDS[round];
  return list[((index % list.length) + list.length) % list.length]!;
}

