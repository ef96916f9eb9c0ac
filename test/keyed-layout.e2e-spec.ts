import { emptyDraft } from '@pact/domain';
import { DraftChangedError, DraftService, SubmissionService } from '@pact/engine';
import { ObjectId } from 'mongodb';
import { createHash } from 'node:crypto';
import request from 'supertest';
import { EngineHarness, reportFor, shortCycle } from './support/engine-harness';

/**
 * Revisions keyed `<task>:<n>` and drafts keyed by their task (issue 20): data a deployment
 * stored with the earlier layout (ObjectId ids, unique indexes on task and number) is moved to
 * its keys when a process of this version starts, and keeps working: revisions listed,
 * numbering going on after the last stored number, a draft read and saved with its version.
 * Page sessions and API tokens, once found by their hash, are moved to it as key: nobody is
 * signed out, no machine's token stops working, and a token keeps its public id.
 * Also a move a crash left half done (the copy beside its original).
 */
describe('revisions and drafts of the earlier layout (e2e)', () => {
  const h = new EngineHarness({ msPerDay: 1000 });
  beforeAll(() => h.start(), 60_000);
  afterAll(() => h.stop(), 60_000);

  it('are moved to their keys at start and keep working', async () => {
    const cycleId = (
      await h.http
        .post('/api/cycles')
        .send(
          shortCycle(h, {
            groups: ['education', 'sport', 'security'],
            requestInDays: 0.01,
            dueAfterDays: 300,
            compileAfterDays: 400,
            lengthMonths: 24,
            reminders: [],
          }),
        )
        .expect(201)
    ).body.id;
    const tasks = await h.waitFor('tasks', async () => {
      const res = await h.http.get(`/api/cycles/${cycleId}/tasks`).expect(200);
      return res.body.length === 3 && res.body;
    });
    const education = tasks.find((t: any) => t.groupKey === 'education').id;
    const sport = tasks.find((t: any) => t.groupKey === 'sport').id;
    const education1 = await h.chair('education');
    const sport1 = await h.chair('sport');
    for (const n of [0, 1]) await education1.post(`/api/tasks/${education}/submissions`).send(reportFor('education', n)).expect(201);
    await sport1.post(`/api/tasks/${sport}/submissions`).send(reportFor('sport')).expect(201);

    // Back to the earlier layout, as a deployment of the previous version left it.
    const submissions = h.db.collection<any>('submissions');
    const drafts = h.db.collection<any>('drafts');
    for (const doc of await submissions.find({ taskId: education }).toArray()) {
      await submissions.deleteOne({ _id: doc._id });
      await submissions.insertOne({ ...doc, _id: new ObjectId() });
    }
    // The sport revision's move was interrupted: its copy is stored beside the original (the
    // old unique index is dropped first, which is what allows that).
    const sportRevision = await submissions.findOne({ taskId: sport });
    await submissions.insertOne({ ...sportRevision, _id: new ObjectId() });
    // A task from before numbers were handed out by the task: it knows its latest revision only (1 of 2 stored).
    await h.db.collection('tasks').updateOne({ _id: new ObjectId(education) }, { $unset: { revisionsNumbered: '' }, $set: { latestRevision: 1 } });
    const draft = { ...emptyDraft(), measures: [{ title: 'Kept from before', status: 'planned', description: '' }] };
    await drafts.insertOne({
      _id: new ObjectId(),
      taskId: education,
      cycleId,
      groupKey: 'education',
      content: draft,
      version: 3,
      savedAt: new Date(),
      savedBy: 'x',
    });
    await drafts.createIndex({ taskId: 1 }, { unique: true, name: 'taskId_1' });
    // Page sessions were found by their hash, beside an ObjectId: one signed-in chair, and a
    // second session whose move was interrupted (its copy under the key beside the original).
    const sessions = h.db.collection<any>('sessions');
    const chairId = String((await h.db.collection('users').findOne({ email: 'chair.education@test.example.org' }))!._id);
    const cookies = ['signed-in-before-the-upgrade', 'moved-half-way'];
    const soon = (days: number) => new Date(Date.now() + days * 86_400_000);
    const earlierSession = (cookie: string) => ({
      tokenHash: createHash('sha256').update(cookie).digest('hex'),
      userId: chairId,
      createdAt: new Date(),
      lastSeenAt: new Date(),
      idleExpiresAt: soon(1),
      expiresAt: soon(7),
    });
    for (const cookie of cookies) await sessions.insertOne({ _id: new ObjectId(), ...earlierSession(cookie) });
    const { tokenHash: halfWay, ...halfWayCopy } = earlierSession(cookies[1]);
    await sessions.insertOne({ ...halfWayCopy, _id: halfWay });
    await sessions.createIndex({ tokenHash: 1 }, { unique: true, name: 'tokenHash_1' });
    // API tokens were found by their hash, beside an ObjectId that is the token's public id.
    const apiTokens = h.db.collection<any>('api_tokens');
    const machineToken = 'pact_issued-before-the-upgrade-0123456789';
    const oldTokenId = new ObjectId();
    await apiTokens.insertOne({
      _id: oldTokenId,
      userId: chairId,
      name: 'from before',
      hash: createHash('sha256').update(machineToken).digest('hex'),
      hint: machineToken.slice(0, 10),
      createdAt: new Date(),
      expiresAt: soon(7),
    });
    await apiTokens.createIndex({ hash: 1 }, { unique: true, name: 'hash_1' });
    // Working groups were found by `key` beside an ObjectId; the committee had named a chair.
    const groups = h.db.collection<any>('working_groups');
    for (const doc of await groups.find({}).toArray()) {
      await groups.deleteOne({ _id: doc._id });
      const named = doc.key === 'education' ? { chair: { ...doc.chair, name: 'Named by the committee' } } : {};
      await groups.insertOne({ ...doc, ...named, _id: new ObjectId() });
    }
    await groups.createIndex({ key: 1 }, { unique: true, name: 'key_1' });
    // Accounts were found by address in `users`: no address documents yet.
    await h.db.collection('user_addresses').deleteMany({});
    // Inboxes were not kept either.
    await h.db.collection('inboxes').deleteMany({});
    await h.db.collection('migrations').deleteMany({});
    // The single-network layout named no programme, and committee members sat on no committee in particular.
    for (const c of ['cycles', 'tasks', 'working_groups']) await h.db.collection(c).updateMany({ programme: 'pact' }, { $unset: { programme: '' } });
    await h.db.collection('users').updateMany({}, { $unset: { committeeOf: '' } });
    const committeeMembers = await h.db.collection('users').countDocuments({ roles: 'committee' });

    // A process of this version starts (the built API, as production runs it).
    const api = await h.spawnApi();
    expect(api.output()).toContain('moved 3 revisions and 1 drafts to their keys');
    expect(api.output()).toContain("listed 3 tasks in their groups' inboxes");
    expect(api.output()).toContain('moved 2 sessions to their keys');
    const hashes = cookies.map((c) => createHash('sha256').update(c).digest('hex'));
    expect((await sessions.find({ userId: chairId }).toArray()).map((d) => [d._id, d.tokenHash]).sort()).toEqual(hashes.map((k) => [k, undefined]).sort());
    expect((await sessions.indexes()).map((i) => i.name)).not.toContain('tokenHash_1');
    expect(api.output()).toMatch(/moved \d+ API tokens to their keys/);
    expect(await apiTokens.countDocuments({ _id: { $type: 'objectId' } })).toBe(0);
    expect((await apiTokens.indexes()).map((i) => i.name)).not.toContain('hash_1');
    expect(api.output()).toMatch(/moved \d+ working groups to their keys/);
    const userCount = await h.db.collection('users').countDocuments();
    expect(api.output()).toContain(`noted ${userCount} users' addresses`);
    expect(await h.db.collection('user_addresses').findOne({ _id: 'chair.education@test.example.org' as never })).toMatchObject({ userId: chairId });
    expect(await groups.countDocuments({ _id: { $type: 'objectId' } })).toBe(0);
    expect((await groups.indexes()).map((i) => i.name)).not.toContain('key_1');
    // Everything of the single-network layout is the Pact's; its committee members sit on the Pact's committee only.
    expect(api.output()).toContain(
      `stored the programme "pact" on 1 cycles, 3 tasks and 12 working groups; ${committeeMembers} committee members sit on its committee`,
    );
    for (const c of ['cycles', 'tasks']) expect(await h.db.collection(c).distinct('programme')).toEqual(['pact']);
    expect((await groups.find({ programme: { $exists: false } }).toArray()).length).toBe(0);
    expect(await h.db.collection('users').distinct('committeeOf', { roles: 'committee' })).toEqual(['pact']);
    expect(await h.db.collection('users').countDocuments({ roles: { $ne: 'committee' }, committeeOf: { $ne: [] } })).toBe(0);
    expect((await request(api.url).get(`/api/cycles/${cycleId}`).set('Authorization', `Bearer ${h.committeeToken}`).expect(200)).body.programme).toBe('pact');
    expect((await groups.findOne({ _id: 'education' }))?.chair.name).toBe('Named by the committee');
    expect((await request(api.url).get('/api/working-groups/education').set('Authorization', `Bearer ${machineToken}`).expect(200)).body.chair.name).toBe(
      'Named by the committee',
    );
    // The token issued before works, keeps its public id, and is revoked by it.
    const machine = request(api.url);
    expect((await machine.get('/api/me').set('Authorization', `Bearer ${machineToken}`).expect(200)).body.id).toBe(chairId);
    const listed = (await h.http.get(`/api/users/${chairId}/tokens`).expect(200)).body;
    expect(listed.find((t: any) => t.name === 'from before')).toMatchObject({ id: String(oldTokenId), hint: machineToken.slice(0, 10) });
    expect(listed.find((t: any) => t.name === 'from before')).not.toHaveProperty('hash');
    await machine
      .delete(`/api/tokens/${String(oldTokenId)}`)
      .set('Authorization', `Bearer ${machineToken}`)
      .expect(204);
    await machine.get('/api/me').set('Authorization', `Bearer ${machineToken}`).expect(401);
    // The chair signed in before the upgrade still is: the page opens, with no way round sign-in.
    const page = await request(api.url).get('/my-tasks').set('Cookie', `pact_session=${cookies[0]}`);
    expect(page.status).toBe(200);
    expect((await request(api.url).get('/my-tasks').set('Cookie', 'pact_session=never-issued')).status).toBe(303);

    expect((await submissions.find({}, { projection: { _id: 1 } }).toArray()).map((d) => d._id).sort()).toEqual(
      [`${education}:1`, `${education}:2`, `${sport}:1`].sort(),
    );
    expect((await drafts.find({}).toArray()).map((d) => [d._id, d.version])).toEqual([[education, 3]]);
    expect((await drafts.indexes()).map((i) => i.name)).not.toContain('taskId_1');
    expect(await h.db.collection('tasks').findOne({ _id: new ObjectId(education) })).toMatchObject({ revisionsNumbered: 2, latestRevision: 1 });

    // Through the new process: the revisions are listed, the next number follows the stored ones.
    const chair = request.agent(api.url).set('Authorization', `Bearer ${await h.tokenFor(['chair'], ['education'])}`);
    expect((await chair.get(`/api/tasks/${education}`).expect(200)).body.revisions.map((r: any) => r.revision)).toEqual([1, 2]);
    const third = await chair.post(`/api/tasks/${education}/submissions`).send(reportFor('education', 2)).expect(201);
    expect(third.body.submission.revision).toBe(3);
    const view = await h.api.get(SubmissionService).view(education);
    expect(view.revisions.map((r) => r.revision)).toEqual([1, 2, 3]);
    expect(view.revisions[0].content!.measures[0].title).toBe('education: measure A');

    // My tasks: the security chair's task still waiting, from the inbox filled at start.
    const security = tasks.find((t: any) => t.groupKey === 'security').id;
    const securityChair = request.agent(api.url).set('Authorization', `Bearer ${await h.tokenFor(['chair'], ['security'])}`);
    expect((await securityChair.get('/api/me/tasks').expect(200)).body.map((t: any) => t.id)).toEqual([security]);
    expect((await h.db.collection<any>('inboxes').findOne({ _id: 'sport' }))?.taskIds).toEqual([sport]);

    // The draft: read by its task, saved on top of its version.
    const drafting = h.api.get(DraftService);
    expect((await drafting.get(education))?.content?.measures[0].title).toBe('Kept from before');
    expect((await drafting.save(education, draft, 3, 'chair:education')).version).toBe(4);
    await expect(drafting.save(education, draft, 3, 'chair:education')).rejects.toBeInstanceOf(DraftChangedError);
  });
});
