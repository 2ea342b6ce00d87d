import {DOUBLE_QUOTES, type LanguageRules} from './language-rules.ts'

export const pt: LanguageRules = {
  lang: 'pt',
  name: 'Portuguese',
  dir: 'ltr',
  quotes: DOUBLE_QUOTES,
  fullStops: '.',
  credits: [/com (?:informações|agências) d[aeo]s?/, /fontes?:/],
  bylines: [/por/],
  chrome: [
    /(?:ir|pular|saltar) para o conteúdo(?: principal)?/,
    /última hora|compartilhar|partilhar|imprimir|comentários/,
    /(?:notícias )?relacionadas|leia também|leia mais/,
    /imagem|foto|vídeo|publicidade|pesquisar|buscar|menu/
  ],
  listHeads: [
    /(?:notícias|matérias|tópicos) relacionad[ao]s|relacionadas|leia (?:também|mais)|veja também|mais lidas(?: .{1,30})?|(?:principais|últimas) (?:do dia|notícias)/,
    /você (?:pode|também pode) gostar|recomendad[ao]s(?: para você)?/
  ],
  promos: [/assine|assinante|newsletter|inscreva-se|baixe o app/],
  rightsReserved: [/todos os direitos reservados/],
  stopWords:
    'a ao aos as à às com como da das de do dos e é ela elas ele eles em entre era essa esse esta este eu foi foram há isso isto já lhe mais mas me mesmo ' +
    'muito na nas não nem no nos o os ou para pela pelas pelo pelos por qual quando que se sem ser seu seus sua suas só também tem um uma umas uns você ' +
    'ainda sobre até',
  months: [/jan/, /fev/, /mar/, /abr/, /mai/, /jun/, /jul/, /ago/, /set/, /out/, /nov/, /dez/]
}
