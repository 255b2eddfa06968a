import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import {
  detectLanguage,
  freeSlug,
  importedStatus,
  type KnownPerson,
  languageOf,
  listOf,
  matchAuthor,
  type ParseOptions,
  parseArticleDate,
  parseArticleFile,
  resolveImages,
  safeEntryPath,
  slugFor,
  slugify,
  urlIn,
  whereOf,
} from './articles.import.rules.ts'

const options: ParseOptions = { timeZone: 'Asia/Shanghai' }
const parse = (path: string, content: string, o: Partial<ParseOptions> = {}) =>
  parseArticleFile(path, content, { ...options, ...o })
const ok = (path: string, content: string, o: Partial<ParseOptions> = {}) => {
  const r = parse(path, content, o)
  assert.ok(r.ok, `expected ${path} to import: ${JSON.stringify(r)}`)
  return r
}
const skipped = (path: string, content: string) => {
  const r = parse(path, content)
  assert.ok(!r.ok, `expected ${path} to be skipped`)
  return r.skipped
}

const hugo = `---
title: '城市站的第一次聚会'
tag: '社区动态'
keywords: 'Kubernetes, 聚会, 城市站'
description: '我们在图书馆的会议室里第一次见面。'
createTime: '2025-07-08'
author: '王小明'
image: 'https://img.example.org/meetup.png'
---

第一段正文。

## 小标题

第二段正文。
`

const jekyll = `---
layout: post
read_time: true
title: "Notes from a rainy meetup"
date: 2025-07-08 10:00
img: https://img.example.org/rain.jpg
tags: [meetup, observability]
author: Ada Lovelace
description: "What we learned while the roof leaked."
---
Body line one.
`

describe('front matter, Hugo style', () => {
  it('gives title, summary, date, author, tags, keywords and cover', () => {
    const { article, warnings } = ok('posts/first-meetup.md', hugo)
    assert.equal(article.title, '城市站的第一次聚会')
    assert.equal(article.summary, '我们在图书馆的会议室里第一次见面。')
    assert.equal(article.publishedAt?.toISOString(), '2025-07-07T16:00:00.000Z')
    assert.deepEqual(article.authors, ['王小明'])
    assert.deepEqual(article.tags, ['社区动态'])
    assert.deepEqual(article.keywords, ['Kubernetes', '聚会', '城市站'])
    assert.equal(article.coverUrl, 'https://img.example.org/meetup.png')
    assert.equal(article.language, 'zh')
    assert.equal(article.slug, 'first-meetup')
    assert.equal(article.draft, false)
    assert.deepEqual(warnings, [])
  })

  it('keeps the body without the front matter or leading blank lines', () => {
    const { article } = ok('a.md', hugo)
    assert.equal(article.body, '第一段正文。\n\n## 小标题\n\n第二段正文。')
  })
})

describe('front matter, Jekyll style', () => {
  it('gives title, date with a time in the community zone, a YAML list of tags and img', () => {
    const { article } = ok('_posts/2025-07-08-rainy-meetup.md', jekyll)
    assert.equal(article.title, 'Notes from a rainy meetup')
    assert.equal(article.publishedAt?.toISOString(), '2025-07-08T02:00:00.000Z')
    assert.deepEqual(article.tags, ['meetup', 'observability'])
    assert.equal(article.coverUrl, 'https://img.example.org/rain.jpg')
    assert.deepEqual(article.authors, ['Ada Lovelace'])
    assert.equal(article.summary, 'What we learned while the roof leaked.')
    assert.equal(article.language, 'en')
    assert.equal(article.slug, 'rainy-meetup', 'the Jekyll date prefix is not part of the slug')
    assert.equal(article.body, 'Body line one.')
  })

  it('reads a date written unquoted as the day, not as UTC midnight', () => {
    const { article } = ok('a.md', '---\ntitle: T\ndate: 2024-11-01\n---\nx')
    assert.equal(article.publishedAt?.toISOString(), '2024-10-31T16:00:00.000Z')
  })

  it('takes published: false and draft: true as drafts', () => {
    assert.equal(ok('a.md', '---\ntitle: T\npublished: false\n---\nx').article.draft, true)
    assert.equal(ok('a.md', '---\ntitle: T\ndraft: true\n---\nx').article.draft, true)
    assert.equal(ok('a.md', '---\ntitle: T\ndraft: false\n---\nx').article.draft, false)
  })

  it('reads CRLF line endings and a byte-order mark', () => {
    const { article } = ok('a.md', `\uFEFF${jekyll.replace(/\n/g, '\r\n')}`)
    assert.equal(article.title, 'Notes from a rainy meetup')
    assert.equal(article.body, 'Body line one.')
  })

  it('takes a cover given as a map (cover: {image: …}) and other field names', () => {
    const { article } = ok(
      'a.md',
      '---\ntitle: T\ncover:\n  image: https://x.example/c.png\nslug: My Post\nlang: zh-CN\ntranslator: 李四\n---\nHello world',
    )
    assert.equal(article.coverUrl, 'https://x.example/c.png')
    assert.equal(article.slug, 'my-post')
    assert.equal(article.language, 'zh')
    assert.equal(article.translator, '李四')
  })

  it('merges tag, tags and categories without repeats', () => {
    const { article } = ok('a.md', '---\ntitle: T\ntags: "a, b，c"\ntag: B\ncategories: [d]\n---\n')
    assert.deepEqual(article.tags, ['a', 'b', 'c', 'd'])
  })
})

describe('without front matter', () => {
  it('takes the first heading as the title and removes it from the body', () => {
    const { article, warnings } = ok('x.md', '# 一篇译文\n\n正文在这里。\n')
    assert.equal(article.title, '一篇译文')
    assert.equal(article.body, '正文在这里。')
    assert.deepEqual(warnings, [{ file: 'x.md', line: null, problem: 'dateMissing' }])
    assert.equal(article.publishedAt, null)
  })
})

describe('the translation lead line', () => {
  const translated = (lead: string) => `# 译文标题\n\n${lead}\n\n第一段。\n`

  for (const [name, lead] of [
    ['a quoted angle-bracket link with a full-width colon', '> 原文：<https://news.example.com/a>'],
    ['a plain line with an ASCII colon', '原文: https://news.example.com/a'],
    ['Markdown link syntax', '原文：[英文原文](https://news.example.com/a)'],
    ['bold label', '**原文：** [https://news.example.com/a](https://news.example.com/a)'],
    ['原文链接 label', '原文链接：https://news.example.com/a'],
    ['an English label', 'Original: <https://news.example.com/a>'],
  ] as const)
    it(`is the original link and leaves the body: ${name}`, () => {
      const { article } = ok('t.md', translated(lead))
      assert.equal(article.originalUrl, 'https://news.example.com/a')
      assert.equal(article.body, '第一段。')
    })

  it('takes a translator line next to it', () => {
    const { article } = ok('t.md', '# 标题\n\n> 原文：<https://a.example/x>\n>\n> 译者：张三\n\n正文。')
    assert.equal(article.originalUrl, 'https://a.example/x')
    assert.equal(article.translator, '张三')
    assert.equal(article.body, '正文。')
  })

  it('is read after front matter too', () => {
    const { article } = ok(
      't.md',
      '---\ntitle: T\ndate: 2025-01-02\n---\n原文：<https://a.example/x>\n\nBody.',
    )
    assert.equal(article.originalUrl, 'https://a.example/x')
    assert.equal(article.body, 'Body.')
  })

  it('is not taken from further down the article', () => {
    const { article } = ok('t.md', '# T\n\nFirst.\n\nSecond.\n\nThird.\n\n原文：<https://a.example/x>')
    assert.equal(article.originalUrl, null)
    assert.match(article.body, /原文/)
  })

  it('that is not a web address is a warning by line, and the line is still removed', () => {
    const r = ok('t.md', '# T\n\n原文：javascript:alert(1)\n\nBody.')
    assert.equal(r.article.originalUrl, null)
    assert.equal(r.article.body, 'Body.')
    assert.deepEqual(r.warnings[0], {
      file: 't.md',
      line: 3,
      problem: 'originalNotUrl',
      detail: 'javascript:alert(1)',
    })
  })
})

describe('refused files, by file and line', () => {
  it('front matter that is never closed: line 1', () => {
    assert.deepEqual(skipped('a.md', '---\ntitle: x\n\nbody'), {
      file: 'a.md',
      line: 1,
      problem: 'frontMatterUnclosed',
    })
  })

  it('broken YAML: the line in the file where it breaks', () => {
    const issue = skipped('b.md', '---\ntitle: ok\ntags: [a, b\nauthor: x\n---\nbody')
    assert.equal(issue.problem, 'frontMatterBroken')
    assert.equal(issue.file, 'b.md')
    assert.ok(issue.line! >= 3 && issue.line! <= 5, `line ${issue.line}`)
    assert.ok(issue.detail)
  })

  it('a key given twice: its second line', () => {
    const issue = skipped('c.md', '---\ntitle: one\ndate: 2025-01-01\ntitle: two\n---\nbody')
    assert.equal(issue.problem, 'frontMatterBroken')
    assert.equal(issue.line, 4)
  })

  it('front matter that is a list, not fields', () => {
    assert.equal(skipped('d.md', '---\n- a\n- b\n---\nbody').problem, 'frontMatterNotMap')
  })

  it('an unknown date format: the date line, and the date as written', () => {
    assert.deepEqual(skipped('e.md', '---\ntitle: x\nauthor: y\ndate: next Tuesday\n---\nbody'), {
      file: 'e.md',
      line: 4,
      problem: 'dateUnknown',
      detail: 'next Tuesday',
    })
  })

  it('a day that does not exist is an unknown date', () => {
    assert.equal(skipped('f.md', '---\ntitle: x\ncreateTime: 2025-02-30\n---\n').problem, 'dateUnknown')
  })

  it('no title in front matter nor a heading: line 1 of the front matter', () => {
    assert.deepEqual(skipped('g.md', '---\nauthor: x\n---\nJust text.'), {
      file: 'g.md',
      line: 1,
      problem: 'titleMissing',
    })
  })

  it('no title and no front matter: the first line of text', () => {
    assert.deepEqual(skipped('h.md', '\n\nJust text, no heading.'), {
      file: 'h.md',
      line: 3,
      problem: 'titleMissing',
    })
  })

  it('a second-level heading first is not a title', () => {
    assert.equal(skipped('i.md', '## Section\n\ntext').problem, 'titleMissing')
  })
})

describe('warnings that do not stop the import', () => {
  it('a cover that is a path, not an address: by line, cover dropped', () => {
    const r = ok('a.md', '---\ntitle: T\ndate: 2025-01-01\nimg: posts/2025/x.png\n---\n')
    assert.equal(r.article.coverUrl, null)
    assert.deepEqual(r.warnings, [
      { file: 'a.md', line: 4, problem: 'coverNotUrl', detail: 'posts/2025/x.png' },
    ])
  })

  it('a language that is neither: by line, then detected', () => {
    const r = ok('a.md', '---\ntitle: T\ndate: 2025-01-01\nlang: fr\n---\nHello there')
    assert.equal(r.article.language, 'en')
    assert.equal(r.warnings[0]?.problem, 'languageUnknown')
    assert.equal(r.warnings[0]?.line, 4)
  })

  it('a language given by the caller wins over detection', () => {
    assert.equal(ok('a.md', '# 中文标题\n\n中文正文', { language: 'en' }).article.language, 'en')
  })
})

describe('dates', () => {
  const tz = 'Asia/Shanghai'
  const iso = (s: string) => parseArticleDate(s, tz)?.toISOString() ?? null
  it('reads the forms these files use, in the community zone', () => {
    assert.equal(iso('2025-07-08'), '2025-07-07T16:00:00.000Z')
    assert.equal(iso('2025-07-08 10:00'), '2025-07-08T02:00:00.000Z')
    assert.equal(iso('2025-07-08 10:00:30'), '2025-07-08T02:00:30.000Z')
    assert.equal(iso('2025/7/8'), '2025-07-07T16:00:00.000Z')
    assert.equal(iso('2025/07/08 9:05'), '2025-07-08T01:05:00.000Z')
    assert.equal(iso('2025.7.8'), '2025-07-07T16:00:00.000Z')
  })
  it('reads ISO with its own zone or offset', () => {
    assert.equal(iso('2025-07-08T10:00:00Z'), '2025-07-08T10:00:00.000Z')
    assert.equal(iso('2025-07-08T10:00:00+02:00'), '2025-07-08T08:00:00.000Z')
    assert.equal(iso('2025-07-08 10:00:00 +0800'), '2025-07-08T02:00:00.000Z')
    assert.equal(iso('2025-07-08T10:00:00.123Z'), '2025-07-08T10:00:00.000Z')
  })
  it('uses the zone given, with summer time', () => {
    assert.equal(
      parseArticleDate('2025-07-08 10:00', 'Europe/Berlin')?.toISOString(),
      '2025-07-08T08:00:00.000Z',
    )
    assert.equal(
      parseArticleDate('2025-01-08 10:00', 'Europe/Berlin')?.toISOString(),
      '2025-01-08T09:00:00.000Z',
    )
  })
  it('refuses what is not a date', () => {
    for (const bad of [
      '',
      'yesterday',
      '08/07/2025',
      '2025-13-01',
      '2025-02-29',
      '2025-07-08 25:00',
      '20250708',
      '2025-07',
    ])
      assert.equal(iso(bad), null, bad)
    assert.equal(iso('2024-02-29'), '2024-02-28T16:00:00.000Z', 'a leap day is a day')
  })
})

describe('slugs', () => {
  it('come from the file name, lower-case ASCII with dashes', () => {
    assert.equal(slugFor('blog/Hello World.md', 'x'), 'hello-world')
    assert.equal(slugFor('blog/2024-11-01-hong-kong.md', 'x'), 'hong-kong')
    assert.equal(slugFor('content/posts/my-post/index.md', 'x'), 'my-post')
  })
  it('come from the title when the name is an export id or digits', () => {
    assert.equal(slugFor('000_2543b8d1a845bd2c.md', 'Rainy Day Notes'), 'rainy-day-notes')
    assert.equal(slugFor('12345.md', 'Rainy Day Notes'), 'rainy-day-notes')
  })
  it('for a Chinese title carry a stable hash of the path, so two posts never share one', () => {
    const a = slugFor('000_2543b8d1a845bd2c.md', 'Kubernetes 入门')
    const b = slugFor('001_598c53d281f16f24.md', 'Kubernetes 进阶')
    assert.match(a, /^kubernetes-[0-9a-z]{7}$/)
    assert.notEqual(a, b)
    assert.equal(slugFor('000_2543b8d1a845bd2c.md', 'Kubernetes 入门'), a)
    assert.match(slugFor('1.md', '纯中文标题'), /^article-[0-9a-z]{7}$/)
  })
  it('drop accents and punctuation', () => {
    assert.equal(slugify('Café — Déjà vu!'), 'cafe-deja-vu')
    assert.equal(slugify('中文'), '')
  })
})

describe('lists, languages, links', () => {
  it('lists come as YAML lists or strings split by either comma or 、', () => {
    assert.deepEqual(listOf('a, b，c、d'), ['a', 'b', 'c', 'd'])
    assert.deepEqual(listOf(['x', ' y ', '', 'X', 3]), ['x', 'y', '3'])
    assert.deepEqual(listOf(null), [])
    assert.deepEqual(listOf('#tag'), ['tag'])
  })
  it('language: Han characters against Latin words', () => {
    assert.equal(detectLanguage('这是一篇关于 Kubernetes 和 KubeSphere 的文章'), 'zh')
    assert.equal(detectLanguage('An English post that mentions 云原生 once.'), 'en')
    assert.equal(detectLanguage(''), 'en')
    assert.equal(languageOf('zh_Hans'), 'zh')
    assert.equal(languageOf('en-US'), 'en')
    assert.equal(languageOf('de'), null)
  })
  it('addresses in angle brackets, links or bare', () => {
    assert.equal(urlIn('<https://a.example/x>'), 'https://a.example/x')
    assert.equal(urlIn('[t](https://a.example/x "title")'), 'https://a.example/x')
    assert.equal(urlIn('https://a.example/x'), 'https://a.example/x')
    assert.equal(urlIn('two words'), null)
  })
  it('where: file and line as editors write it', () => {
    assert.equal(whereOf({ file: 'a.md', line: 3, problem: 'dateUnknown' }), 'a.md:3')
    assert.equal(whereOf({ file: 'a.md', line: null, problem: 'dateMissing' }), 'a.md')
  })
})

describe('paths inside an upload', () => {
  it('keeps relative paths, normalised', () => {
    assert.equal(safeEntryPath('posts/a.md'), 'posts/a.md')
    assert.equal(safeEntryPath('./posts//a.md'), 'posts/a.md')
    assert.equal(safeEntryPath('posts\\win\\a.md'), 'posts/win/a.md')
  })
  it('refuses what points outside: parent steps, absolute paths, drives, NUL', () => {
    for (const bad of [
      '../../x.md',
      'posts/../../x.md',
      '/etc/x.md',
      '\\x.md',
      'C:\\x.md',
      'c:/x.md',
      'a\u0000.md',
      '',
      './',
    ])
      assert.equal(safeEntryPath(bad), null, JSON.stringify(bad))
  })
})

describe('authors matched to people', () => {
  const known: KnownPerson[] = [
    { id: 'p1', handle: 'lin', githubLogin: 'lin-gh', nameZh: '林乔', nameEn: 'Lin Qiao' },
    { id: 'p2', handle: 'zhou', githubLogin: null, nameZh: '周舟', nameEn: 'Zhou Zhou' },
    { id: 'p3', handle: 'zhou2', githubLogin: null, nameZh: '周舟', nameEn: null },
  ]
  it('by handle, GitHub login (with or without @) or a name in either language, without case', () => {
    assert.equal(matchAuthor('LIN', known), 'p1')
    assert.equal(matchAuthor('@lin-gh', known), 'p1')
    assert.equal(matchAuthor('林乔', known), 'p1')
    assert.equal(matchAuthor('lin qiao', known), 'p1')
  })
  it('a name two people share stays a name; a handle still finds its person', () => {
    assert.equal(matchAuthor('周舟', known), null)
    assert.equal(matchAuthor('zhou2', known), 'p3')
  })
  it('nobody: null, and the name is kept as written', () => {
    assert.equal(matchAuthor('Someone Else', known), null)
    assert.equal(matchAuthor('  ', known), null)
  })
})

describe('what an imported article becomes', () => {
  const now = new Date('2026-01-10T00:00:00Z')
  const past = new Date('2025-07-08T00:00:00Z')
  const future = new Date('2026-03-01T00:00:00Z')
  it('published on its date, scheduled for a date to come, a draft when the file says so', () => {
    assert.deepEqual(importedStatus({ draft: false, publishedAt: past }, null, now), {
      status: 'published',
      publishedAt: past,
    })
    assert.deepEqual(importedStatus({ draft: false, publishedAt: future }, null, now), {
      status: 'scheduled',
      publishedAt: future,
    })
    assert.deepEqual(importedStatus({ draft: true, publishedAt: null }, null, now), {
      status: 'draft',
      publishedAt: null,
    })
  })
  it('undated: the date it first had, else now', () => {
    assert.deepEqual(importedStatus({ draft: false, publishedAt: null }, null, now).publishedAt, now)
    assert.deepEqual(
      importedStatus({ draft: false, publishedAt: null }, { status: 'published', publishedAt: past }, now)
        .publishedAt,
      past,
    )
  })
  it('one an editor unpublished stays unpublished', () => {
    assert.equal(
      importedStatus({ draft: false, publishedAt: past }, { status: 'unpublished', publishedAt: past }, now)
        .status,
      'unpublished',
    )
  })
  it('free slugs are numbered past the taken ones', () => {
    assert.equal(freeSlug('a', new Set()), 'a')
    assert.equal(freeSlug('A', new Set(['a', 'a-2'])), 'A-3')
  })
})

describe('relative images, read from the old site when its address is given', () => {
  const base = 'https://old.example.org/blog/2024/post/'
  it('Markdown and HTML images, relative to the post or to the site; addresses and code left alone', () => {
    const body = [
      '![a](img/a.png) and ![b](/images/b.png "B")',
      `<img src="c.jpg" alt="c"> <img alt="d" src='https://cdn.example/d.png'>`,
      '![e](https://cdn.example/e.png) ![f](data:image/png;base64,xx)',
      '```md',
      '![in code](img/x.png)',
      '```',
    ].join('\n')
    assert.equal(
      resolveImages(body, base),
      [
        '![a](https://old.example.org/blog/2024/post/img/a.png) and ![b](https://old.example.org/images/b.png "B")',
        `<img src="https://old.example.org/blog/2024/post/c.jpg" alt="c"> <img alt="d" src='https://cdn.example/d.png'>`,
        '![e](https://cdn.example/e.png) ![f](data:image/png;base64,xx)',
        '```md',
        '![in code](img/x.png)',
        '```',
      ].join('\n'),
    )
  })

  it('a relative cover becomes an address on the old site instead of a warning', () => {
    const r = ok('a.md', '---\ntitle: T\ndate: 2025-01-01\nimg: posts/2025/x.png\n---\n![p](img/p.png)', {
      assetBase: 'https://old.example.org/',
    })
    assert.equal(r.article.coverUrl, 'https://old.example.org/posts/2025/x.png')
    assert.equal(r.article.body, '![p](https://old.example.org/img/p.png)')
    assert.deepEqual(r.warnings, [])
  })
})

describe('front matter, Hugo style in TOML (+++)', () => {
  const toml = `+++
title = "Notes in TOML"
date = 2025-07-08T10:00:00
tags = ["hugo", "toml"]
author = "lin-qiao"
description = "Hugo writes this too."
image = "https://img.example.org/toml.png"
[params]
draft_note = "nested tables are passed over"
+++

Body in TOML land.
`
  it('gives title, date in the community zone, tags, author, summary and cover', () => {
    const { article, warnings } = ok('posts/toml-notes.md', toml)
    assert.equal(article.title, 'Notes in TOML')
    assert.equal(article.publishedAt?.toISOString(), '2025-07-08T02:00:00.000Z')
    assert.deepEqual(article.tags, ['hugo', 'toml'])
    assert.deepEqual(article.authors, ['lin-qiao'])
    assert.equal(article.summary, 'Hugo writes this too.')
    assert.equal(article.coverUrl, 'https://img.example.org/toml.png')
    assert.equal(article.body, 'Body in TOML land.')
    assert.deepEqual(warnings, [])
  })

  it('a date with its offset, and a plain day', () => {
    assert.equal(
      ok(
        'a.md',
        '+++\ntitle = "T"\ndate = 2025-07-08T10:00:00+02:00\n+++\n',
      ).article.publishedAt?.toISOString(),
      '2025-07-08T08:00:00.000Z',
    )
    assert.equal(
      ok('a.md', '+++\ntitle = "T"\ndate = 2025-07-08\n+++\n').article.publishedAt?.toISOString(),
      '2025-07-07T16:00:00.000Z',
    )
  })

  it('broken TOML: the line where it breaks; never closed: line 1; a key’s warning: its line', () => {
    const broken = skipped('b.md', '+++\ntitle = "T"\ntags = ["a",\n+++\nbody')
    assert.equal(broken.problem, 'frontMatterBroken')
    assert.ok(broken.line! >= 3 && broken.line! <= 5, `line ${broken.line}`)
    assert.deepEqual(skipped('c.md', '+++\ntitle = "T"\nbody'), {
      file: 'c.md',
      line: 1,
      problem: 'frontMatterUnclosed',
    })
    const r = ok('d.md', '+++\ntitle = "T"\ndate = 2025-01-01\n  image = "covers/x.png"\n+++\n')
    assert.deepEqual(r.warnings, [{ file: 'd.md', line: 4, problem: 'coverNotUrl', detail: 'covers/x.png' }])
    assert.deepEqual(skipped('e.md', '+++\ntitle = "T"\ndate = "someday"\n+++\n'), {
      file: 'e.md',
      line: 3,
      problem: 'dateUnknown',
      detail: 'someday',
    })
  })
})
