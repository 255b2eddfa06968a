import type { Deps } from '../../platform/deps.ts'
import { currentRoles, getProfile } from '../people/index.ts'
import { addShipment, issueCertificate, titlesOfYear } from './recognition.service.ts'

/** Last year's certificates for the chapters' leaders, and a T-shirt waiting for an address. */
export async function seedRecognitionDemo(deps: Pick<Deps, 'db' | 'now' | 'config'>) {
  const { person } = await getProfile(deps, 'fawei')
  const actor = {
    personId: person.id,
    roles: (await currentRoles(deps, person.id)).map((r) => ({ role: r.role, sigId: r.sigId })),
  }
  const lastYear = deps.now().getUTCFullYear() - 1
  for (const row of await titlesOfYear(deps, actor, lastYear))
    if (row.earnedBy && row.title.kind === 'chapter' && row.title.role === 'leader')
      await issueCertificate(deps, actor, row.person.id, row.title.key)
  await addShipment(deps, actor, {
    handle: 'yin-min',
    itemZh: '城市站站长 T 恤（M）',
    itemEn: 'Chapter leader T-shirt (M)',
    reasonZh: `${lastYear} 年城市站站长`,
    reasonEn: `Chapter leader in ${lastYear}`,
  })
}
