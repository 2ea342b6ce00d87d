/**
 * What no output may hold, whatever trick the hostile fixtures try: the
 * patterns the sanitize test and the hostile end-to-end test both check.
 */
export const FORBIDDEN: readonly RegExp[] = [
  /XSS-PAYLOAD/,
  /<script/i,
  /\son[a-z]+\s*=/i,
  /javascript:|vbscript:/i,
  /<(?:iframe|frame|object|embed|applet|param|form|button|textarea|select|meta http-equiv="refresh"|base|svg|math|foreignObject|video|audio|source|track|noscript|template)\b/i,
  /<input(?![^>]*type="checkbox")/i,
  /\s(?:style|srcset|formaction|xlink:href|poster|background|ping|action|data)\s*=/i,
  /data:(?!image\/(?:png|jpeg|gif);)/i,
  /src="\/\//
]

/** Actions a PDF viewer would run or follow on its own. */
export const PDF_ACTIONS = /\/(?:JavaScript|JS|Launch|SubmitForm|ImportData|GoToR|RichMedia)\b|\/URI\s*\((?:javascript|file|data):/i
