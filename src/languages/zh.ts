import {DOUBLE_QUOTES, type LanguageRules} from './language-rules.ts'

/**
 * Chinese, simplified and traditional in one row: the pasted-text reader
 * meets both, and their function words differ only in a few characters.
 * Chinese is written without spaces: the reader counts its words by ICU's
 * dictionary (Intl.Segmenter), so the function words below are whole words
 * as the segmenter gives them ("我们", "的"). Patterns here need no word
 * boundary of their own: the table's matchers require that no letter follows.
 */
export const zh: LanguageRules = {
  lang: 'zh',
  name: 'Chinese',
  dir: 'ltr',
  // CLDR 47 for zh: “ ” with ‘ ’ inside. (zh-Hant writes 「 」, which this row does not tell apart.)
  quotes: DOUBLE_QUOTES,
  fullStops: '。',
  // Before a colon only: Chinese has no spaces, so "来源" could open a sentence.
  credits: [/(?:来源|來源|稿源|出处|出處|资料来源|資料來源)(?=\s*[:：])/],
  bylines: [/(?:作者|记者|記者|撰文|文|图|圖|编辑|編輯|责任编辑|責任編輯)(?=\s*[:：])/, /(?:本报记者|本報記者|特约记者|特約記者)(?=\s)/],
  chrome: [
    /首页|首頁|主页|主頁|登录|登入|注册|註冊|搜索|搜尋|菜单|選單|目录|目錄|更多|关闭|關閉/,
    /分享(?:到)?|打印|列印|收藏|评论|評論|留言|点赞|點讚|举报|檢舉|回复|回覆/,
    /跳到主文|跳到主要内容|跳到主要內容|返回顶部|回到顶部|回到頂部|返回首页|返回首頁|上一篇|下一篇|上一页|下一頁|下一页/,
    /(?:展开|展開|阅读|閱讀)全文|查看(?:原文|更多)|图片|圖片|视频|影片|广告|廣告/
  ],
  listHeads: [
    /(?:相关|相關|热门|熱門|最新|推荐|推薦|延伸|精彩|猜你|本周|本週)(?:文章|阅读|閱讀|新闻|新聞|推荐|推薦|喜欢|喜歡|排行)/,
    /热点新闻|熱點新聞|编辑推荐|編輯推薦|大家都在看|你可能也喜欢|你可能也喜歡/
  ],
  promos: [/订阅|訂閱|扫码|掃碼|扫一扫|掃一掃|关注我们|關注我們|下载(?:客户端|app)|下載(?:app|應用)|二维码|二維碼/],
  rightsReserved: [/版权所有|版權所有/],
  stopWords:
    '的 了 是 在 和 与 與 也 就 都 而 但 但是 并 並 把 被 给 給 对 對 从 從 为 為 于 於 这 這 那 这个 這個 那个 那個 个 個 ' +
    '我 你 他 她 它 我们 我們 你们 你們 他们 他們 她们 她們 自己 不 没 沒 没有 沒有 很 更 还 還 又 再 才 已经 已經 将 將 ' +
    '会 會 可以 着 著 过 過 吗 嗎 呢 吧 啊 等 所以 因为 因為 如果 虽然 雖然 就是 还是 還是 说 說 到 里 裡 之 其 及 或',
  months: []
}
