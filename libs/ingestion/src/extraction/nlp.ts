import winkNLP, { ItemSentence, ItemToken } from 'wink-nlp';
import type WinkModel from 'wink-eng-lite-web-model';

/**
 * Sentences and words of an article, with offsets into it. The model ships inside the npm
 * package and is read once, on the first article (about 0.1 s, some 40 MB): the API imports this
 * library but serves most requests without ever reading an article. Nothing is fetched at run time.
 */
let loaded: ReturnType<typeof winkNLP> | undefined;
function nlp(): ReturnType<typeof winkNLP> {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded on first use, not at import
  loaded ??= winkNLP(require('wink-eng-lite-web-model') as typeof WinkModel, ['sbd', 'pos', 'negation']);
  return loaded;
}

export interface Word {
  /** The word exactly as `text.slice(start, end)`; hyphenated parts are one word ("al-Rashidi"). */
  text: string;
  lower: string;
  start: number;
  end: number;
  /** Universal POS tag of the last part. */
  pos: string;
  lemma: string;
  negated: boolean;
  /** Starts with a capital letter. */
  capital: boolean;
}

export interface AnalysedSentence {
  index: number;
  text: string;
  start: number;
  end: number;
  words: Word[];
}

interface RawToken {
  text: string;
  start: number;
  end: number;
  pos: string;
  lemma: string;
  negated: boolean;
  spaceBefore: boolean;
}

/**
 * Paragraphs (split at blank lines) are read separately, so a headline without a full stop is a
 * sentence of its own.
 */
export function analyse(text: string): AnalysedSentence[] {
  const sentences: AnalysedSentence[] = [];
  const paragraph = /[^\n]+(?:\n(?![ \t\r]*\n)[^\n]*)*/g;
  for (const block of text.matchAll(paragraph)) {
    if (!/\S/.test(block[0])) continue;
    readBlock(text, block.index, block[0], sentences);
  }
  return sentences;
}

function readBlock(text: string, offset: number, block: string, into: AnalysedSentence[]): void {
  const reader = nlp();
  const its = reader.its;
  const doc = reader.readDoc(block);
  let cursor = 0;
  doc.sentences().each((sentence: ItemSentence) => {
    const raw: RawToken[] = [];
    sentence.tokens().each((token: ItemToken) => {
      const value = token.out();
      const found = block.indexOf(value, cursor);
      // wink may normalise a token (rare: odd quotes); fall back to the cursor position.
      const start = found >= 0 && found - cursor < 200 ? found : cursor;
      const end = found >= 0 && found - cursor < 200 ? start + value.length : cursor;
      raw.push({
        text: block.slice(start, end),
        start: offset + start,
        end: offset + end,
        pos: token.out(its.pos),
        // The lemma accessor's declared type does not match ItsFunction; it works on tokens.
        lemma: String(token.out(its.lemma as never)).toLowerCase(),
        negated: Boolean(token.out(its.negationFlag)),
        spaceBefore: start > cursor,
      });
      cursor = end;
    });
    const words = joinHyphens(joinSplitLetters(raw)).filter((word) => word.text !== '');
    for (const part of splitAfterInitial(words)) {
      const start = part[0].start;
      const end = part[part.length - 1].end;
      into.push({ index: into.length, text: text.slice(start, end), start, end, words: part });
    }
  });
}

/**
 * "… in a post on X. The Indian foreign ministry …": the model takes a lone capital and a full
 * stop for an initial and runs on; before a capitalised determiner, pronoun or preposition (which
 * no name continues with) it ends the sentence.
 */
function splitAfterInitial(words: Word[]): Word[][] {
  const parts: Word[][] = [];
  let from = 0;
  for (let i = 0; i < words.length - 1; i++) {
    const next = words[i + 1];
    if (/^\p{Lu}\.$/u.test(words[i].text) && next.capital && ['DET', 'PRON', 'ADP'].includes(next.pos)) {
      parts.push(words.slice(from, i + 1));
      from = i + 1;
    }
  }
  parts.push(words.slice(from));
  return parts.filter((part) => part.length > 0);
}

/**
 * "Jovi" "ć" → "Jović": the tokenizer cuts some accented letters off a word; a piece of letters
 * glued to the word before it (no space) that the model cannot tag goes back onto that word.
 */
function joinSplitLetters(tokens: RawToken[]): RawToken[] {
  const out: RawToken[] = [];
  for (const token of tokens) {
    const previous = out[out.length - 1];
    if (
      previous &&
      !token.spaceBefore &&
      /^\p{L}+$/u.test(token.text) &&
      /^\p{L}+$/u.test(previous.text) &&
      (token.pos === 'X' || previous.pos === 'X' || /[^ -~]/.test(token.text + previous.text))
    ) {
      const text = previous.text + token.text;
      out[out.length - 1] = {
        ...previous,
        text,
        end: token.end,
        // A name cut in pieces is still a name.
        pos: /^\p{Lu}/u.test(text) ? 'PROPN' : previous.pos === 'X' ? token.pos : previous.pos,
        lemma: text.toLowerCase(),
      };
      continue;
    }
    out.push(token);
  }
  return out;
}

/** "al" "-" "Rashidi" → "al-Rashidi"; "state" "-" "controlled" → "state-controlled". */
function joinHyphens(tokens: RawToken[]): Word[] {
  const words: Word[] = [];
  for (let i = 0; i < tokens.length; i++) {
    let token = tokens[i];
    while (
      i + 2 < tokens.length &&
      /^[-‐–]$/.test(tokens[i + 1].text) &&
      !tokens[i + 1].spaceBefore &&
      !tokens[i + 2].spaceBefore &&
      /[\p{L}\p{N}]$/u.test(token.text)
    ) {
      const last = tokens[i + 2];
      token = {
        ...last,
        text: `${token.text}-${last.text}`,
        start: token.start,
        lemma: `${token.text.toLowerCase()}-${last.lemma}`,
        spaceBefore: token.spaceBefore,
      };
      i += 2;
    }
    words.push({
      text: token.text,
      lower: token.text.toLowerCase(),
      start: token.start,
      end: token.end,
      pos: token.pos,
      lemma: token.lemma,
      negated: token.negated,
      capital: /^\p{Lu}/u.test(token.text),
    });
  }
  return words;
}
