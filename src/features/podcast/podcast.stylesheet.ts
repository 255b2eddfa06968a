// The page a person sees when they open a show's feed in a browser: the feed names this XSLT
// stylesheet (as podcast hosts do), and the browser turns the XML into a page that says what a feed
// is and lists the show and its episodes. Apps ignore it. It is made from the dictionaries, one per
// language, and the feed names the one in its own language.
import { createHash } from 'node:crypto'
import type { Locale, Messages } from '../../platform/i18n/index.ts'
import { assetUrl } from '../../platform/views/assets.ts'

/** Where a feed in `locale` finds its stylesheet: a site path, as browsers apply XSLT of the feed's own origin only. */
export const stylesheetPath = (locale: Locale) => `/podcast/feed-${locale}.xsl`

const xml = (text: string) =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;')

const marker = '987654321'

/** A dictionary text that takes a value ("Episode {n}"), split around it for the stylesheet to fill. */
function around<T>(text: (value: T) => string, value: T) {
  const [before = '', after = ''] = text(value).split(marker)
  return { before: xml(before), after: xml(after) }
}

export function feedStylesheet(t: Messages, locale: Locale): { body: string; etag: string } {
  const f = t.podcast.feedPage
  const episode = around(t.podcast.episodeNumber, Number(marker))
  const title = around(f.title, marker)
  // RFC 2822 dates ("Wed, 04 Mar 2026 10:00:00 GMT") as the reader writes a date.
  const date =
    locale === 'zh'
      ? `<xsl:value-of select="concat(substring($d, 13, 4), '年', (string-length(substring-before('JanFebMarAprMayJunJulAugSepOctNovDec', substring($d, 9, 3))) div 3) + 1, '月', number(substring($d, 6, 2)), '日')"/>`
      : `<xsl:value-of select="concat(number(substring($d, 6, 2)), ' ', substring($d, 9, 3), ' ', substring($d, 13, 4))"/>`
  const body = `<?xml version="1.0" encoding="utf-8"?>
<xsl:stylesheet version="1.0"
  xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
  xmlns:itunes="http://www.itunes.com/dtds/podcast-1.0.dtd"
  xmlns:atom="http://www.w3.org/2005/Atom"
  exclude-result-prefixes="itunes atom">
  <xsl:output method="html" encoding="utf-8" doctype-system="about:legacy-compat"/>
  <xsl:variable name="feed" select="/rss/channel/atom:link[@rel='self']/@href"/>
  <xsl:variable name="language" select="/rss/channel/language"/>
  <xsl:variable name="cover" select="/rss/channel/itunes:image/@href"/>

  <xsl:template match="/">
    <html lang="${xml(t.meta.htmlLang)}">
      <head>
        <meta charset="utf-8"/>
        <meta name="viewport" content="width=device-width, initial-scale=1"/>
        <meta name="color-scheme" content="light dark"/>
        <meta name="robots" content="noindex"/>
        <title>${title.before}<xsl:value-of select="/rss/channel/title"/>${title.after}</title>
        <link rel="stylesheet" href="${xml(assetUrl('app.css'))}"/>
        <script type="module" src="${xml(assetUrl('copy.js'))}"></script>
      </head>
      <body>
        <main id="main" class="wrap feed-page">
          <section class="notice notice-info feed-explainer" aria-labelledby="feed-what">
            <h1 id="feed-what" class="feed-what">${xml(f.what)}</h1>
            <p>${xml(f.how)}</p>
            <label for="feed-url">${xml(f.address)}</label>
            <div class="copy-row">
              <input id="feed-url" type="url" readonly="readonly" class="copy-source" value="{$feed}"/>
              <button type="button" class="secondary" data-copy="feed-url" data-copied="${xml(t.podcast.copied)}" hidden="hidden">${xml(t.podcast.copy)}</button>
            </div>
          </section>
          <xsl:apply-templates select="/rss/channel"/>
        </main>
      </body>
    </html>
  </xsl:template>

  <xsl:template match="channel">
    <header class="podcast-hero">
      <xsl:if test="$cover">
        <img class="podcast-cover" src="{$cover}" alt="" width="200" height="200"/>
      </xsl:if>
      <div class="podcast-hero-text" lang="{$language}">
        <h2 class="feed-title"><xsl:value-of select="title"/></h2>
        <p class="prose"><xsl:call-template name="text"><xsl:with-param name="html" select="description"/></xsl:call-template></p>
        <p class="actions"><a class="button" href="{link}" lang="${xml(t.meta.htmlLang)}">${xml(f.openShow)}</a></p>
      </div>
    </header>
    <h2>${xml(f.latest)}</h2>
    <ol class="plain episode-list">
      <xsl:for-each select="item">
        <li>
          <article class="card card-episode">
            <xsl:variable name="art" select="itunes:image/@href"/>
            <xsl:if test="$art or $cover">
              <div class="card-media">
                <img alt="" width="112" height="112" loading="lazy">
                  <xsl:attribute name="src">
                    <xsl:choose>
                      <xsl:when test="$art"><xsl:value-of select="$art"/></xsl:when>
                      <xsl:otherwise><xsl:value-of select="$cover"/></xsl:otherwise>
                    </xsl:choose>
                  </xsl:attribute>
                </img>
              </div>
            </xsl:if>
            <div class="card-body">
              <div class="card-text">
                <h3 class="card-title" lang="{$language}"><a href="{link}"><xsl:value-of select="title"/></a></h3>
                <p class="card-meta">
                  <xsl:if test="itunes:episode"><span>${episode.before}<xsl:value-of select="itunes:episode"/>${episode.after}</span></xsl:if>
                  <xsl:if test="pubDate"><span><xsl:variable name="d" select="pubDate"/>${date}</span></xsl:if>
                  <xsl:if test="number(itunes:duration) &gt; 0"><span><xsl:call-template name="clock"><xsl:with-param name="s" select="number(itunes:duration)"/></xsl:call-template></span></xsl:if>
                </p>
              </div>
            </div>
          </article>
        </li>
      </xsl:for-each>
    </ol>
  </xsl:template>

  <!-- Show notes are HTML in the feed: their text, without the tags (XSLT 1.0 cannot parse them). -->
  <xsl:template name="text">
    <xsl:param name="html"/>
    <xsl:choose>
      <xsl:when test="contains($html, '&lt;')">
        <xsl:value-of select="substring-before($html, '&lt;')"/>
        <xsl:call-template name="text">
          <xsl:with-param name="html" select="substring-after(substring-after($html, '&lt;'), '&gt;')"/>
        </xsl:call-template>
      </xsl:when>
      <xsl:otherwise><xsl:value-of select="$html"/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template name="clock">
    <xsl:param name="s"/>
    <xsl:variable name="h" select="floor($s div 3600)"/>
    <xsl:variable name="m" select="floor(($s mod 3600) div 60)"/>
    <xsl:choose>
      <xsl:when test="$h &gt; 0"><xsl:value-of select="concat($h, ':', format-number($m, '00'))"/></xsl:when>
      <xsl:otherwise><xsl:value-of select="$m"/></xsl:otherwise>
    </xsl:choose>
    <xsl:value-of select="concat(':', format-number(floor($s mod 60), '00'))"/>
  </xsl:template>
</xsl:stylesheet>
`
  return { body, etag: `"${createHash('sha256').update(body).digest('hex').slice(0, 32)}"` }
}
