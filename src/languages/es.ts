import type {LanguageRules} from './language-rules.ts'

export const es: LanguageRules = {
  lang: 'es',
  name: 'Spanish',
  dir: 'ltr',
  // The Real Academia Española prescribes « » with “ ” inside; CLDR 47
  // lists the “ ” the American press prefers.
  quotes: {primary: ['«', '»'], secondary: ['“', '”'], spaced: false},
  fullStops: '.',
  credits: [/con (?:información|informes|reportes) de/, /fuentes?:/],
  bylines: [/por/],
  chrome: [
    /enlaces de accesibilidad/,
    /(?:ir|saltar) al contenido(?: principal)?/,
    /última hora|compartir|imprimir|comentarios/,
    /(?:noticias )?relacionad[ao]s|lee también|lea también|te puede interesar/,
    /imagen|foto|vídeo|video|publicidad|inicio|buscar|menú/
  ],
  listHeads: [
    /(?:noticias|artículos|notas) relacionad[ao]s|(?:lo )?más (?:leíd[ao]s|visto|popular(?:es)?|compartid[ao]s)|le(?:e|a) también|te puede interesar|también te puede interesar/,
    /(?:últimas|otras) noticias|(?:más|otras) notas|recomendad[ao]s(?: para ti)?|te recomendamos/
  ],
  promos: [/suscr[ií]b|bolet[ií]n|newsletter|descarga la app/],
  rightsReserved: [/todos los derechos reservados/],
  stopWords:
    'a al algo ante antes como con contra cual cuando de del desde donde durante e el ella ellos en entre era es esa ese eso esta este esto estos están ' +
    'fue fueron ha han hasta la las le les lo los más me mi muy nada ni no nos o otra otro para pero por porque que quien se ser si sin sobre son su sus ' +
    'también tan te tiene todo todos tras u un una uno y ya',
  months: [/ene/, /feb/, /mar/, /abr/, /may/, /jun/, /jul/, /ago/, /sep|set/, /oct/, /nov/, /dic/]
}
