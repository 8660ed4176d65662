// A small, hand-countable district history on top of the seeded plan, for flow tests of the query
// commands and jobs. Squad 4 (纺织和羽绒) is the one the role tests look at.
import type { Db } from '../../src/db/client.js';

export async function squadByOrder(db: Db, sortOrder: number) {
  return db.squad.findFirstOrThrow({ where: { sortOrder } });
}

export async function seedActivity(db: Db): Promise<void> {
  const s1 = await squadByOrder(db, 1);
  const s4 = await squadByOrder(db, 4);
  const captain4 = await db.person.findFirstOrThrow({ where: { name: '经贸局局长' } });
  const helper = await db.person.findFirstOrThrow({ where: { name: '帮办中心专员' } });
  const project = (squadId: number, name: string, data: Record<string, unknown>) =>
    db.project.create({ data: { name, squadId, company: name + '有限公司', requestKey: `seed:${name}`, ...data } });
  // Squad 4: two ¥100M+ signings in 2018 (one ¥600M, strategic), one commenced; one small signing.
  const p1 = await project(s4.id, '羽绒精深加工项目', {
    stage: 'STARTED',
    investment: 60000,
    signedOn: '2018-03-10',
    startedOn: '2018-05-20',
    strategicEmerging: true,
    helperId: helper.id,
  });
  await project(s4.id, '纺织服装产业园', { stage: 'SIGNED', investment: 20000, signedOn: '2018-05-02' });
  await project(s4.id, '小型寝具厂', { stage: 'SIGNED', investment: 3000, signedOn: '2018-04-02' });
  await project(s4.id, '鞋帽洽谈项目', { stage: 'NEGOTIATING', investment: 15000 });
  // One packaged project (策划包装项目) of squad 4, packaged in Q1.
  await db.packagedProject.create({
    data: {
      requestKey: 'seed:packaged1',
      name: '鞋帽产业园策划',
      squadId: s4.id,
      status: 'PACKAGED',
      planningOn: '2018-01-10',
      packagedOn: '2018-02-01',
    },
  });
  // Squad 1: one ¥100M+ signing, 2017 cohort signed and not started.
  await project(s1.id, '港口物流园', { stage: 'SIGNED', investment: 50000, signedOn: '2018-01-15' });
  await project(s1.id, '旧签约项目', { stage: 'SIGNED', investment: 12000, signedOn: '2017-06-01' });
  await db.projectStageChange.create({
    data: {
      requestKey: 'seed:funds1',
      projectId: p1.id,
      toStage: 'STARTED',
      on: '2018-05-20',
      fundsInPlace: 12000,
      foreignCapitalUsd: 300,
    },
  });
  const trip = await db.trip.create({
    data: {
      requestKey: 'seed:trip1',
      squadId: s4.id,
      travellerId: captain4.id,
      rank: 'SECTION',
      destination: '苏州',
      startDate: '2018-04-10',
      endDate: '2018-04-12',
      status: 'REPORTED',
      createdById: captain4.id,
    },
  });
  for (let i = 0; i < 6; i++)
    await db.visit.create({
      data: {
        tripId: trip.id,
        squadId: s4.id,
        visitedOn: '2018-04-11',
        contactName: `客商${i}`,
        company: `苏州企业${i}`,
        createdById: captain4.id,
      },
    });
  for (let i = 0; i < 3; i++)
    await db.lead.create({
      data: {
        requestKey: `seed:lead${i}`,
        companyKey: `suzhou${i}`,
        company: `苏州羽绒企业${i}`,
        squadId: s4.id,
        tripId: trip.id,
        source: 'VISIT',
        ownerId: captain4.id,
        createdOn: '2018-04-11',
        contactName: '王经理',
        phone: '13900000000',
      },
    });
  await db.monthlyReport.create({ data: { squadId: s4.id, month: '2018-04', status: 'SUBMITTED', late: false } });
  await db.monthlyReport.create({ data: { squadId: s4.id, month: '2018-05', status: 'SUBMITTED', late: true } });
  await db.projectTask.create({
    data: { projectId: p1.id, title: '办理施工许可', dueOn: '2018-06-01', status: 'OPEN' },
  });
  await db.projectTask.create({ data: { projectId: p1.id, title: '水电接入', dueOn: '2018-06-16', status: 'OPEN' } });
  await db.projectTask.create({ data: { projectId: p1.id, title: '已办结事项', dueOn: '2018-05-01', status: 'DONE' } });
}
