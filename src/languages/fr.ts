import type {LanguageRules} from './language-rules.ts'

export const fr: LanguageRules = {
  lang: 'fr',
  name: 'French',
  dir: 'ltr',
  // CLDR nests guillemets in guillemets; French presses nest “ ” (Lexique
  // des règles typographiques en usage à l'Imprimerie nationale).
  quotes: {primary: ['«', '»'], secondary: ['“', '”'], spaced: true},
  fullStops: '.',
  credits: [/avec (?:les )?agences/, /avec (?:l['’])?(?:AFP|AP|Reuters)/, /sources? ?:/],
  bylines: [/par/],
  chrome: [
    /liens d['’]accessibilité/,
    /(?:aller|passer) au contenu(?: principal)?/,
    /dernière minute|partager|imprimer|commentaires/,
    /(?:à )?lire aussi|sur le même sujet|articles liés/,
    /image|photo|vidéo|publicité|accueil|rechercher|menu/
  ],
  listHeads: [
    /(?:à )?lire aussi|sur le même (?:sujet|thème)|articles? (?:liés|similaires|recommandés)|les plus (?:lus|partagés|commentés|populaires)/,
    /(?:toute l['’]actualité|dernières (?:actualités|infos|nouvelles)|à voir aussi|vous aimerez aussi|nos (?:suggestions|recommandations)|(?:en|plus de) lien)(?: .{1,30})?/
  ],
  promos: [/abonn|newsletter|inscrivez-vous|lettre d['’]information|téléchargez l['’]application/],
  rightsReserved: [/tous droits réservés/],
  stopWords:
    'à au aux avec ce ces cette dans de des du elle elles en est et été être il ils je la le les leur leurs lui mais me même mes mon ne nous on ou où par ' +
    'pas pour qu que qui sa se ses son sont sur ta te tes ton tu un une vous y a ont était avait comme aussi plus sans sous entre depuis donc car si tout ' +
    'tous très après avant selon ainsi dont cet',
  months: [/janv/, /f[ée]vr/, /mars/, /avr/, /mai/, /juin/, /juil/, /ao[uû]t/, /sept/, /oct/, /nov/, /d[ée]c/]
}
