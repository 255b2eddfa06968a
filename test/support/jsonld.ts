// Google's event rich results as tests check them: the properties it requires (and their form:
// times with an offset, a place with a postal address or a virtual location matching the
// attendance mode) and which of the recommended ones are missing.

type Node = Record<string, unknown>

/** Google's event rich result: what it requires, and which of the recommended properties are missing. */
export function googleEventReport(event: Node) {
  const problems: string[] = []
  const missingRecommended: string[] = []
  for (const key of ['name', 'startDate', 'location']) if (event[key] == null) problems.push(`missing ${key}`)
  const offset = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}[+-]\d{2}:\d{2}$/
  for (const key of ['startDate', 'endDate', 'previousStartDate'])
    if (event[key] != null && !offset.test(String(event[key])))
      problems.push(`${key} without offset: ${event[key]}`)
  const locations = [event.location].flat() as Node[]
  for (const l of locations) {
    if (l['@type'] === 'Place') {
      const address = l.address as Node | undefined
      if (address?.['@type'] !== 'PostalAddress') problems.push('a Place without a PostalAddress')
      if (!l.name) missingRecommended.push('location.name')
    } else if (l['@type'] === 'VirtualLocation') {
      if (!/^https?:\/\//.test(String(l.url))) problems.push('a VirtualLocation without url')
    } else problems.push(`a location of type ${l['@type']}`)
  }
  const mode = String(event.eventAttendanceMode)
  const types = locations.map((l) => l['@type']).sort()
  const expected: Record<string, string[]> = {
    'https://schema.org/OfflineEventAttendanceMode': ['Place'],
    'https://schema.org/OnlineEventAttendanceMode': ['VirtualLocation'],
    'https://schema.org/MixedEventAttendanceMode': ['Place', 'VirtualLocation'],
  }
  if (expected[mode] && JSON.stringify(expected[mode]) !== JSON.stringify(types))
    problems.push(`${mode} with locations ${types}`)
  for (const key of [
    'description',
    'endDate',
    'eventAttendanceMode',
    'eventStatus',
    'image',
    'offers',
    'organizer',
    'performer',
  ])
    if (event[key] == null) missingRecommended.push(key)
  const offers = event.offers as Node | undefined
  if (offers) {
    for (const key of ['availability', 'price', 'priceCurrency', 'validFrom', 'url'])
      if (offers[key] == null) missingRecommended.push(`offers.${key}`)
    if (
      offers.availability &&
      !['https://schema.org/InStock', 'https://schema.org/SoldOut', 'https://schema.org/PreOrder'].includes(
        String(offers.availability),
      )
    )
      problems.push(`offers.availability ${offers.availability}`)
  }
  for (const o of [event.organizer].flat() as Node[])
    if (o && (!o.name || !o.url)) missingRecommended.push('organizer.name/url')
  for (const p of [event.performer].flat() as Node[])
    if (p && !p.name) problems.push('a performer without name')
  for (const image of [event.image].flat())
    if (image != null && !/^https?:\/\//.test(String(image))) problems.push(`image ${image}`)
  return { problems, missingRecommended }
}
