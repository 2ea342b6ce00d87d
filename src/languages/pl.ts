import type {LanguageRules} from './language-rules.ts'

export const pl: LanguageRules = {
  lang: 'pl',
  name: 'Polish',
  dir: 'ltr',
  quotes: {primary: ['„', '”'], secondary: ['«', '»'], spaced: false},
  fullStops: '.',
  credits: [/źródło:/],
  bylines: [/autor(?:ka)?:?/],
  chrome: [
    /przejdź do (?:głównej )?treści/,
    /pilne|udostępnij|drukuj|komentarze|powiązane|czytaj także|czytaj też/,
    /zdjęcie|obraz|wideo|reklama|szukaj|menu/
  ],
  listHeads: [/(?:powiązane|podobne) (?:artykuły|tematy)|czytaj (?:także|też|więcej)|najczęściej (?:czytane|komentowane)|najpopularniejsze|polecane/],
  promos: [/subskryb|prenumerat|newsletter|zapisz się|pobierz aplikację/],
  stopWords:
    'a aby ale bez bo by był była było były być co czy dla do go i ich im jak jako jej jest jeszcze jego już ku lub ma mi mnie może na nad nie nich nim ' +
    'o od oraz po pod przez przy się sobie są ta tak także tam te tego tej ten to tu tym w we więc z za ze że które który która których którym',
  months: [/sty/, /lut/, /mar/, /kwi/, /maj/, /cze/, /lip/, /sie/, /wrz/, /pa[źz]/, /lis/, /gru/]
}
